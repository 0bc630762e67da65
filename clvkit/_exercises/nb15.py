"""Exercises of notebook 15 (discounting and retention).

Every expected answer is computed from the Fader & Hardie (2007) cohorts the notebook shows: the sBG
model is fitted to years 0-7, as in the paper and the notebook, and judged on years 8-12.
"""

from __future__ import annotations

from functools import lru_cache

from ..teach import Exercise

#: The years the models are fitted to, and the years they must project (Fader & Hardie 2007).
CALIBRATION_YEARS = 7
TEST_YEARS = tuple(range(8, 13))


@lru_cache(maxsize=2)
def _fitted(segment: str):
    from ..datasets import load_sbg_cohorts
    from ..models import ShiftedBetaGeometric

    return ShiftedBetaGeometric().fit(load_sbg_cohorts().loc[0:CALIBRATION_YEARS, segment], time_unit="Y")


def projections(segment: str = "regular") -> dict[str, object]:
    """Survivors of years 8-12 (of 1,000) projected three ways, and the observed counts.

    ``first_year``: the first year's retention, constant; ``constant``: the constant rate that matches
    year 7; ``sbg``: the sBG fitted to years 0-7.
    """
    import numpy as np

    from ..datasets import load_sbg_cohorts

    cohort = load_sbg_cohorts()[segment]
    t = np.array(TEST_YEARS)
    start = float(cohort.loc[0])
    first = cohort.loc[1] / start
    constant = (cohort.loc[CALIBRATION_YEARS] / start) ** (1 / CALIBRATION_YEARS)
    return {"observed": cohort.loc[list(TEST_YEARS)].to_numpy(dtype=float),
            "first_year": start * first ** t, "constant": start * constant ** t,
            "sbg": start * np.asarray(_fitted(segment).survival(t))}


def worst_miss(segment: str = "regular") -> dict[str, float]:
    """The largest relative miss of each projection over years 8-12 (0.02 = 2%)."""
    import numpy as np

    p = projections(segment)
    return {k: float(np.max(np.abs(v / p["observed"] - 1))) for k, v in p.items() if k != "observed"}


def which_retention() -> tuple[str, str]:
    """15.1: the projection that missed the unseen years least; r1 says why."""
    miss = worst_miss("regular")
    return min(miss, key=miss.get), "r1"


def loyalty_claim() -> tuple[str, str]:
    """15.2: a model with fixed individual churn projects both segments' unseen years within 5%, so the rise
    needs no growing loyalty (disagree, r2); if it did not, the claim could stand."""
    fits = max(worst_miss(s)["sbg"] for s in ("regular", "high_end")) < 0.05
    return ("disagree", "r2") if fits else ("agree", "r1")


def high_end_value() -> float:
    """15.3: a high-end subscriber after two renewals, 50 a year, 8%: margin × DERL."""
    from ..valuation import subscriber_value

    return subscriber_value(_fitted("high_end"), margin_per_period=50, discount_rate=0.08, renewals=2)


def _pct(x: float, lang: str) -> str:
    from ..i18n import format_percent

    return format_percent(x, lang, decimals=0)


def _texts(lang: str) -> dict[str, str]:
    miss, high = worst_miss("regular"), worst_miss("high_end")
    rate = projections("regular")
    return {"sbg": _pct(miss["sbg"], lang), "constant": _pct(miss["constant"], lang),
            "first": _pct(miss["first_year"], lang), "high": _pct(high["sbg"], lang),
            "y12": f"{rate['observed'][-1]:.0f}", "y12c": f"{rate['constant'][-1]:.0f}",
            "y12s": f"{rate['sbg'][-1]:.0f}", "y12f": f"{rate['first_year'][-1]:.0f}"}


E, R = _texts("en"), _texts("ru")


def _b(en: str, ru: str) -> dict:
    return {"en": en, "ru": ru}


EXERCISES = [
    Exercise(
        key="15.1", kind="decision", expected=which_retention,
        question=_b("You value a new **regular** subscriber over the next twelve years. Which retention do you feed "
                    "the valuation with: the first year's rate (`first_year`), the constant rate that matches year 7 "
                    "(`constant`), or the sBG's rising rates (`sbg`)? Judge them by the table of years 8-12.",
                    "Вы оцениваете нового подписчика **обычного** сегмента на двенадцать лет вперёд. Какое удержание "
                    "вы подставите в оценку: удержание первого года (`first_year`), постоянное удержание, попадающее "
                    "в 7-й год (`constant`), или растущее удержание sBG (`sbg`)? Судите по таблице лет 8–12."),
        prompt=_b('"first_year", "constant" or "sbg"', '"first_year" (первый год), "constant" (постоянное) или "sbg"'),
        options=("first_year", "constant", "sbg"),
        synonyms={"first_year": ("first year", "первый год", "удержание первого года"),
                  "constant": ("постоянное", "постоянное удержание"), "sbg": ("модель sbg", "растущее")},
        reasons={"r1": _b("the one that projected the unseen years 8-12 closest",
                          "то, что точнее всего спрогнозировало годы 8–12, которых модель не видела"),
                 "r2": _b("the first year's rate, the freshest fact about new subscribers",
                          "удержание первого года — самый свежий факт о новых подписчиках"),
                 "r3": _b("the constant rate: it matches the data up to year 7 exactly",
                          "постоянное: оно точно попадает в данные до 7-го года")},
        explain={"first_year": _b(f"The first year's rate misses years 8-12 by up to {E['first']}: it keeps losing "
                                  "subscribers at the pace of the fickle ones who have long gone.",
                                  f"Удержание первого года промахивается в годы 8–12 до {R['first']}: оно теряет "
                                  "подписчиков в темпе непостоянных, которые давно ушли."),
                 "constant": _b(f"The constant rate misses years 8-12 by up to {E['constant']} (it leaves "
                                f"{E['y12c']} of 1,000 in year 12 against {E['y12']} observed).",
                                f"Постоянное удержание промахивается в годы 8–12 до {R['constant']} (к 12-му году "
                                f"оставляет {R['y12c']} из 1 000 против {R['y12']} в данных)."),
                 "sbg": _b(f"The sBG misses years 8-12 by at most {E['sbg']}.",
                           f"sBG промахивается в годы 8–12 не больше чем на {R['sbg']}."),
                 "r1": _b("Right: a valuation is a forecast, so judge it on years the model did not see.",
                          "Верно: оценка — это прогноз, и судить о нём надо по годам, которых модель не видела."),
                 "r2": _b("New subscribers' first year is the worst year: it says nothing of those who stay, and "
                          "they earn most of the value.",
                          "Первый год новых подписчиков — худший: он ничего не говорит о тех, кто остаётся, а они "
                          "приносят большую часть ценности."),
                 "r3": _b("Matching one year is not a test: after year 7 the constant rate falls far below what "
                          "happened.",
                          "Попасть в один год — ещё не проверка: после 7-го года постоянное удержание сильно "
                          "отстаёт от того, что было.")},
        feedback=_b(f"The sBG's rising rates: they missed years 8-12 by at most {E['sbg']}, the constant rate by "
                    f"up to {E['constant']}.",
                    f"Растущее удержание sBG: оно промахнулось в годы 8–12 не больше чем на {R['sbg']}, а "
                    f"постоянное — до {R['constant']}."),
        hint=_b("Compare each column of the projection table with the observed counts of years 8-12.",
                "Сравните каждый столбец таблицы прогноза с фактическими числами лет 8–12."),
        solution=_b("(projection.loc[8:12, ['sbg', 'constant']].div(projection.loc[8:12, 'observed'], axis=0) - 1)"
                    ".abs().max()",
                    "(projection.loc[8:12, ['sbg', 'constant']].div(projection.loc[8:12, 'observed'], axis=0) - 1)"
                    ".abs().max()  # наибольший промах каждого прогноза"),
    ),
    Exercise(
        key="15.2", kind="decision", expected=loyalty_claim,
        question=_b("The marketing director reads the rising retention of both cohorts as *our subscribers become "
                    "more loyal the longer they stay*, and wants to reward tenure with a discount in year 3 to make "
                    "them loyal sooner. Do you agree with the reading?",
                    "Директор по маркетингу объясняет рост удержания обеих когорт так: *подписчики становятся лояльнее, "
                    "чем дольше они с нами*, и хочет давать скидку на третий год, чтобы они становились лояльными "
                    "быстрее. Вы согласны с таким объяснением?"),
        prompt=_b('"agree" or "disagree"', '"agree" (согласен) или "disagree" (не согласен)'),
        options=("agree", "disagree"),
        synonyms={"agree": ("yes", "да", "согласен", "согласна"), "disagree": ("no", "нет", "не согласен",
                                                                             "не согласна")},
        reasons={"r1": _b("retention rose in both segments, so loyalty grows everywhere",
                          "удержание выросло в обоих сегментах, значит, лояльность растёт везде"),
                 "r2": _b("a model in which nobody's churn probability changes reproduces the rise, even in years it "
                          "never saw",
                          "модель, в которой ничья вероятность ухода не меняется, воспроизводит рост даже в годах, "
                          "которых не видела"),
                 "r3": _b("the rise stops after year 7, so it was only a start-up effect",
                          "после 7-го года рост прекращается, значит, это был лишь эффект запуска")},
        explain={"agree": _b(f"The sBG keeps each subscriber's churn probability fixed and still projects years 8-12 "
                             f"within {E['sbg']} (regular) and {E['high']} (high-end): the rise needs no growing "
                             "loyalty.",
                             f"В sBG вероятность ухода каждого подписчика постоянна, и всё же модель прогнозирует "
                             f"годы 8–12 с точностью до {R['sbg']} (обычный) и {R['high']} (премиальный): росту "
                             "не нужна растущая лояльность."),
                 "disagree": _b("The rise is the mix changing: the likely leavers leave first.",
                                "Рост — это смена состава: первыми уходят те, кто склонен уйти."),
                 "r1": _b("A rise in both segments is what selection produces in both; it is no evidence of change.",
                          "Рост в обоих сегментах — это отбор, который идёт в обоих; он не доказывает перемен."),
                 "r2": _b("Right: if fixed churn probabilities explain the curve, the curve cannot prove they grow.",
                          "Верно: если постоянные вероятности ухода объясняют кривую, кривая не доказывает их рост."),
                 "r3": _b("It does not stop: the cohorts' retention and the sBG's keep rising after year 7.",
                          "Рост не прекращается: удержание когорт и sBG растёт и после 7-го года.")},
        feedback=_b("The survivors are the subscribers who were always unlikely to leave; a tenure discount in year "
                    "3 would be paid to people who would have stayed anyway.",
                    "Оставшиеся — это подписчики, которые и раньше редко уходили; скидку за стаж на третий год "
                    "получили бы те, кто остался бы и так."),
        hint=_b("In the sBG each subscriber keeps one churn probability. How well did it project years 8-12?",
                "В sBG у каждого подписчика одна и та же вероятность ухода. Насколько точно модель спрогнозировала "
                "годы 8–12?"),
        solution=_b("# the sBG (fixed churn per subscriber) against the unseen years of both segments\n"
                    "(projection.loc[8:12, 'sbg'] / projection.loc[8:12, 'observed'] - 1).abs().max()",
                    "# sBG (постоянный отток у каждого) против лет, которых модель не видела, в обоих сегментах\n"
                    "(projection.loc[8:12, 'sbg'] / projection.loc[8:12, 'observed'] - 1).abs().max()"),
    ),
    Exercise(
        key="15.3", kind="number", expected=high_end_value, money=True, rel_tol=0.005,
        question=_b("A **high-end** subscriber has renewed twice and is about to decide on the third renewal. The "
                    "margin is $50 a year and the discount rate 8%. What is the subscriber worth now (margin × DERL: "
                    "the coming payment counts, undiscounted, if he renews)?",
                    "Подписчик **премиального** сегмента продлил подписку дважды и вот-вот решит, продлевать ли её "
                    "в третий раз. Маржа — 5 000 ₽ в год, ставка дисконтирования — 8 %. Сколько он стоит сейчас "
                    "(маржа × DERL: ближайший платёж учитывается без дисконтирования, если он продлит)?"),
        prompt=_b("your answer, a number", "ваш ответ — число"),
        feedback=_b("After two renewals the subscriber is probably one of the low-churn kind, so he is worth more "
                    "than a new one.",
                    "После двух продлений подписчик, скорее всего, из тех, кто редко уходит, поэтому он ценнее "
                    "нового."),
        hint=_b("ck.valuation.subscriber_value(model, margin_per_period=..., discount_rate=..., renewals=...) with "
                "the fitted `high_end`.",
                "ck.valuation.subscriber_value(модель, margin_per_period=..., discount_rate=..., renewals=...) "
                "с обученной моделью `high_end`."),
        solution=_b("ck.valuation.subscriber_value(high_end, margin_per_period=50, discount_rate=0.08, renewals=2)\n"
                    "# the same as 50 * high_end.derl(0.08, renewals=2)",
                    "ck.valuation.subscriber_value(high_end, margin_per_period=5_000, discount_rate=0.08, renewals=2)\n"
                    "# то же, что 5_000 * high_end.derl(0.08, renewals=2)"),
    ),
]
