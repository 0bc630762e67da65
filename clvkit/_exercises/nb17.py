"""Exercises of notebook 17 (validating models)."""

from __future__ import annotations

from functools import lru_cache

from ..teach import Exercise


@lru_cache(maxsize=1)
def _holdout():
    """BG/NBD fitted on the CDNOW calibration period, with the holdout frame."""
    from ..datasets import load_cdnow_summary
    from ..models import BGNBD

    calibration, holdout = load_cdnow_summary(with_holdout=True)
    return BGNBD().fit(calibration), calibration, holdout


def _predicted_over_actual() -> float:
    model, calibration, holdout = _holdout()
    weeks = float(holdout["duration_holdout"].iloc[0])
    return float(model.predict_purchases(calibration, weeks).sum() / holdout["frequency_holdout"].sum())


def _worse_baseline() -> str:
    from ..validation import holdout_errors, naive_baselines

    _, calibration, holdout = _holdout()
    naive = naive_baselines(calibration, holdout)
    mae = holdout_errors(naive, holdout["frequency_holdout"])["mae"]
    return "average" if mae["average"] > mae["own"] else "own"


def _model_line_at_the_end() -> str:
    from ..datasets import CDNOW_CALIBRATION_END, CDNOW_OBSERVATION_END, load_cdnow_transactions
    from ..plots import tracking_table

    model, _, _ = _holdout()
    table = tracking_table(model, load_cdnow_transactions(), calibration_end=CDNOW_CALIBRATION_END,
                           observation_end=CDNOW_OBSERVATION_END)
    last = table.iloc[-1]
    return "above" if last["expected"] > last["actual"] else "below"


EXERCISES = [
    Exercise(
        key="17.1",
        question={
            "en": (
                "Divide the BG/NBD total forecast for the holdout by the actual number of "
                "holdout\n"
                "purchases (1.00 would be a perfect total; above 1 means the model "
                "overshoots). What is the ratio?"
            ),
            "ru": (
                "Разделите прогноз итога BG/NBD на фактическое число покупок в отложенном "
                "периоде\n"
                "(1,00 — идеальный итог; больше 1 — модель завышает). Чему равно отношение?"
            ),
        },
        prompt={
            "en": 'your answer, e.g. errors.loc["BG/NBD", ...] / actual.sum()',
            "ru": 'ваш ответ, например errors.loc["BG/NBD", ...] / actual.sum()',
        },
        feedback={
            "en": "Below 1: the model forecasts fewer purchases than actually came.",
            "ru": "Меньше 1: модель прогнозирует меньше покупок, чем было на самом деле.",
        },
        kind="number",
        expected=_predicted_over_actual,
        rel_tol=0.01,
        abs_tol=0.005,
        decimals=3,
        hint={
            "en": "Add up the model's predictions for the holdout weeks and divide by the actual holdout "
                  "purchases: predictions[...].sum() / actual.sum(). Above 1 means the model overshoots.",
            "ru": "Сложите прогнозы модели на отложенный период и разделите на фактические покупки в нём: "
                  "predictions[...].sum() / actual.sum(). Больше 1 — модель завышает.",
        },
        solution={
            "en": "weeks = hold[\"duration_holdout\"].iloc[0]\n"
                  "m.predict_purchases(cal, weeks).sum() / hold[\"frequency_holdout\"].sum()",
            "ru": "weeks = hold[\"duration_holdout\"].iloc[0]\n"
                  "m.predict_purchases(cal, weeks).sum() / hold[\"frequency_holdout\"].sum()",
        },
    ),
    Exercise(
        key="17.2",
        question={
            "en": (
                'Which naive baseline has the larger per-customer error: `"own"` or '
                '`"average"`?'
            ),
            "ru": (
                'У какого наивного прогноза больше ошибка на клиента: «свой темп» (`"own"`) или «среднее по всем» '
                '(`"average"`)?'
            ),
        },
        prompt={
            "en": 'your answer: "own" or "average"',
            "ru": 'ваш ответ: "свой темп" или "среднее" ("own" или "average")',
        },
        feedback={
            "en": (
                "The average ignores who buys a lot and who does not, so it misses each "
                "customer the most."
            ),
            "ru": (
                "Среднее не различает, кто покупает много, а кто мало, поэтому на отдельном клиенте "
                "ошибается сильнее всего."
            ),
        },
        kind="choice",
        expected=_worse_baseline,
        options=("own", "average"),
        synonyms={"own": ("свой темп", "свой", "своё", "свое", "собственный", "собственная", "собственное",
                          "по себе"),
                  "average": ("среднее по всем", "среднее", "средний", "по среднему")},
        hint={
            "en": "Look at the mae column (mean absolute error): the larger error is the worse forecast.",
            "ru": "Посмотрите на столбец MAE (средняя абсолютная ошибка): чем больше ошибка, тем хуже прогноз.",
        },
        solution={
            "en": "Giving everybody the average ignores who is a heavy buyer and who is not, so its "
                  "per-customer error is the largest:\nerrors.sort_values(\"mae\")",
            "ru": "Средний прогноз для всех не различает активных и случайных покупателей, поэтому его "
                  "ошибка на клиента самая большая:\nerrors.sort_values(\"mae\")",
        },
    ),
    Exercise(
        key="17.3",
        question={
            "en": (
                "Read the chart: at the last week of the holdout, is the model's dashed line "
                '`"above"`\n'
                'or `"below"` the actual line?'
            ),
            "ru": (
                "Прочитайте график: в последнюю неделю отложенного периода пунктирная линия "
                "модели\n"
                'выше (`"above"`) или ниже (`"below"`) линии факта?'
            ),
        },
        prompt={
            "en": 'your answer: "above" or "below"',
            "ru": 'ваш ответ: "выше" или "ниже" ("above" или "below")',
        },
        feedback={
            "en": (
                "Reading the tracking chart at its end tells whether the model drifts over the "
                "holdout."
            ),
            "ru": (
                "По концу графика отслеживания видно, уходит ли модель в сторону за отложенный "
                "период."
            ),
        },
        kind="choice",
        expected=_model_line_at_the_end,
        options=("above", "below"),
        synonyms={"above": ("выше", "сверху", "над", "higher"), "below": ("ниже", "снизу", "под", "lower")},
        hint={
            "en": "Find the last week on the right of the tracking chart: is the dashed model line higher "
                  "or lower than the solid actual line?",
            "ru": "Найдите последнюю неделю справа на графике: пунктирная линия модели выше или ниже "
                  "сплошной линии факта?",
        },
        solution={
            "en": "tracking.iloc[-1]  # compare the expected and actual columns in the last week",
            "ru": "tracking.iloc[-1]  # сравните столбцы expected и actual в последнюю неделю",
        },
    ),
]
