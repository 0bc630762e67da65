"""Exercises of notebook 16 (predictive models in depth): choosing a model, reading its parameters, trusting one order.

The notebook fits every model to CDNOW's 39-week calibration period (to 30 September 1997) and scores the
transaction models on the next 39 weeks. The expected answers are computed from the same fits here; the
figures quoted in the explanations are checked against them in tests/test_exercises_nb16.py.
"""

from __future__ import annotations

from functools import lru_cache

from ..teach import Exercise

CALIBRATION_END = "1997-09-30"
OBSERVATION_END = "1998-06-30"
#: 16.3: a customer whose one repeat order was about seven times the base's average order.
ONE_BIG_ORDER = 357
#: Weeks in a year, for a weekly rate read as a yearly one.
WEEKS_PER_YEAR = 365.25 / 7


@lru_cache(maxsize=1)
def calibration_and_holdout():
    """CDNOW split as in the notebook: the calibration summary and the holdout purchases."""
    from ..data.summary import split_calibration_holdout
    from ..datasets import load_cdnow_transactions

    return split_calibration_holdout(load_cdnow_transactions(), calibration_end=CALIBRATION_END,
                                     observation_end=OBSERVATION_END, time_unit="W")


@lru_cache(maxsize=1)
def model_comparison():
    """Log-likelihood on the calibration period and errors on the holdout of BG/NBD, Pareto/NBD and MBG/NBD."""
    import pandas as pd

    from ..models import BGNBD, MBGNBD, ParetoNBD
    from ..validation import holdout_errors

    cal, hold = calibration_and_holdout()
    weeks = float(hold["duration_holdout"].iloc[0])
    fits = {"BG/NBD": BGNBD().fit(cal), "Pareto/NBD": ParetoNBD().fit(cal), "MBG/NBD": MBGNBD().fit(cal)}
    errors = holdout_errors({name: fit.predict_purchases(cal, weeks) for name, fit in fits.items()},
                            hold["frequency_holdout"])
    likelihood = pd.Series({name: fit.log_likelihood_ for name, fit in fits.items()}, name="log_likelihood")
    return errors.join(likelihood)


def _which_model():
    table = model_comparison()
    best = table["mae"].idxmin()
    # the holdout's verdict is clear only when the per-customer and the total error agree
    if table["total_error_pct"].abs().idxmin() != best:
        raise AssertionError("the per-customer and total holdout errors point at different models")
    return best, "r2"


def _purchases_per_year():
    from ..models import BGNBD

    cal, _ = calibration_and_holdout()
    params = BGNBD().fit(cal).params_
    return float(params["r"] / params["alpha"] * WEEKS_PER_YEAR)


EXERCISES = [
    Exercise(
        key="16.1",
        kind="decision",
        expected=_which_model,
        question={
            "en": (
                "Next year the team will rank customers by their forecast purchases. From the comparison table\n"
                "above, which model do you put into production, and why?"
            ),
            "ru": (
                "В следующем году команда будет ранжировать клиентов по прогнозу покупок. Какую модель из\n"
                "таблицы сравнения выше вы запустите в работу и почему?"
            ),
        },
        prompt={"en": '"BG/NBD", "Pareto/NBD" or "MBG/NBD"', "ru": '"BG/NBD", "Pareto/NBD" или "MBG/NBD"'},
        options=("BG/NBD", "Pareto/NBD", "MBG/NBD"),
        synonyms={"BG/NBD": ("BGNBD", "BG-NBD"), "Pareto/NBD": ("ParetoNBD", "Pareto-NBD", "Парето/NBD"),
                  "MBG/NBD": ("MBGNBD", "MBG-NBD")},
        reasons={
            "r1": {"en": "It has the highest log-likelihood on the calibration data.",
                   "ru": "У неё самый высокий логарифм правдоподобия на данных калибровки."},
            "r2": {"en": "It has the smallest error on the holdout weeks it never saw, per customer and in total.",
                   "ru": "У неё самая маленькая ошибка на отложенных неделях, которых она не видела, — и на "
                         "клиента, и в сумме."},
            "r3": {"en": "It is the simplest and quickest to compute, and the others fit about as well.",
                   "ru": "Она самая простая и быстрая в расчёте, а остальные описывают данные примерно так же."},
        },
        explain={
            "BG/NBD": {"en": "BG/NBD is the easiest to compute, but on the holdout it errs more than Pareto/NBD "
                             "per customer (MAE 0.785 against 0.755) and in total (−12.1% against −11.5%).",
                       "ru": "BG/NBD проще всего считать, но на отложенном периоде она ошибается сильнее "
                             "Pareto/NBD и на клиента (MAE 0,785 против 0,755), и в сумме (−12,1 % против −11,5 %)."},
            "Pareto/NBD": {"en": "Yes: Pareto/NBD forecasts the unseen 39 weeks best, MAE 0.755 per customer and a "
                                 "total 11.5% short, although its log-likelihood is the lowest of the three.",
                           "ru": "Да: Pareto/NBD лучше всех прогнозирует 39 недель, которых не видела, — MAE 0,755 на "
                                 "клиента и сумма ниже факта на 11,5 %, хотя её логарифм правдоподобия самый низкий."},
            "MBG/NBD": {"en": "MBG/NBD fits the calibration weeks best (−9582.1), but its holdout total is the "
                              "furthest off, 16.2% short, against 11.5% for Pareto/NBD.",
                        "ru": "MBG/NBD лучше всех описывает недели калибровки (−9582,1), но её сумма на "
                              "отложенном периоде дальше всех от факта — ниже на 16,2 % против 11,5 % у Pareto/NBD."},
            "r1": {"en": "The log-likelihood rewards fitting the weeks a model was fitted on; the three are within "
                         "13 points of each other there, and the one at the top (MBG/NBD) forecasts the holdout "
                         "total worst.",
                   "ru": "Логарифм правдоподобия награждает за описание тех недель, на которых модель обучена; "
                         "там три модели в пределах 13 пунктов друг от друга, а лидер (MBG/NBD) хуже всех "
                         "прогнозирует сумму отложенного периода."},
            "r2": {"en": "Right: a ranking is used on weeks the model has not seen, so the holdout error is the "
                         "test that matters, and Pareto/NBD wins it on both measures.",
                   "ru": "Верно: рейтинг используют на неделях, которых модель не видела, поэтому решает ошибка "
                         "на отложенном периоде, а по обеим мерам лучше Pareto/NBD."},
            "r3": {"en": "Simplicity breaks a tie, but there is none here: Pareto/NBD is ahead on both holdout "
                         "measures, and its fit takes well under a second on this base.",
                   "ru": "Простота решает при равенстве, а его здесь нет: Pareto/NBD впереди по обеим мерам "
                         "отложенного периода, и обучается она на этой базе меньше чем за секунду."},
        },
        feedback={
            "en": "Choose a model by what it will be used for: forecasts of weeks it has not seen. The "
                  "log-likelihood compares fits of the same data, not forecasts.",
            "ru": "Модель выбирают по тому, для чего она нужна: для прогноза недель, которых она не видела. "
                  "Логарифм правдоподобия сравнивает описание одних и тех же данных, а не прогнозы.",
        },
        hint={
            "en": "The ranking will be used on the future. Which columns of the table describe weeks the "
                  "models did not see?",
            "ru": "Рейтингом будут пользоваться в будущем. Какие столбцы таблицы описывают недели, которых "
                  "модели не видели?",
        },
        solution={
            "en": "Pareto/NBD, reason r2: the smallest holdout error per customer (mae) and in total "
                  "(total_error_pct), although MBG/NBD and BG/NBD have higher log-likelihoods.",
            "ru": "Pareto/NBD, причина r2: самая маленькая ошибка на отложенном периоде на клиента (mae) и в "
                  "сумме (total_error_pct), хотя логарифм правдоподобия выше у MBG/NBD и BG/NBD.",
        },
    ),
    Exercise(
        key="16.2",
        kind="number",
        expected=_purchases_per_year,
        rel_tol=0.03,
        decimals=2,
        question={
            "en": (
                "From the BG/NBD estimates above: how many purchases **a year** does the average customer\n"
                "make while still active?"
            ),
            "ru": (
                "По оценкам BG/NBD выше: сколько покупок **в год** в среднем делает клиент, пока он ещё\n"
                "активен?"
            ),
        },
        prompt={"en": "purchases a year, a number", "ru": "покупок в год, число"},
        feedback={
            "en": "The rates λ of active customers follow a gamma distribution with mean r / α a week; "
                  "r / α × 52 is about 2.9 a year.",
            "ru": "Темпы λ активных клиентов подчиняются гамма-распределению со средним r / α в неделю; "
                  "r / α × 52 — около 2,9 в год.",
        },
        hint={
            "en": "The gamma distribution of the purchase rates has mean r / α, in purchases a week; the "
                  "summary is in weeks.",
            "ru": "Среднее гамма-распределения темпов покупок равно r / α покупок в неделю; сводка — "
                  "в неделях.",
        },
        solution={
            "en": "r, alpha = m.params_[\"r\"], m.params_[\"alpha\"]\nr / alpha * 52  # 0.2426 / 4.4136 per week",
            "ru": "r, alpha = m.params_[\"r\"], m.params_[\"alpha\"]\nr / alpha * 52  # 0,2426 / 4,4136 в неделю",
        },
    ),
    Exercise(
        key="16.3",
        kind="decision",
        expected=("model", "r2"),
        question={
            "en": (
                "Customer **357** made one repeat purchase, of $242.98, about seven times the base's average\n"
                "order. For next year's plan, which value of his orders do you use: his own (`own`), the\n"
                "Gamma-Gamma model's expected spend for him (`model`, in the table above) or the base's average\n"
                "(`average`)?"
            ),
            "ru": (
                "Клиент **357** сделал одну повторную покупку на 24 298 ₽ — примерно в семь раз больше среднего\n"
                "чека по базе. Какой чек вы заложите в план на следующий год: его собственный (`own`), ожидаемый\n"
                "чек модели Gamma-Gamma для него (`model`, в таблице выше) или средний по базе (`average`)?"
            ),
        },
        prompt={"en": '"own", "model" or "average"', "ru": '"own" (свой), "model" (модель) или "average" (средний)'},
        options=("own", "model", "average"),
        synonyms={"own": ("свой", "собственный"), "model": ("модель", "gamma-gamma"),
                  "average": ("средний", "среднее")},
        reasons={
            "r1": {"en": "His own order is the only evidence about him; the rest of the base says nothing about him.",
                   "ru": "Его собственный заказ — единственное, что мы о нём знаем; остальная база о нём ничего "
                         "не говорит."},
            "r2": {"en": "One order is weak evidence: weigh it against how much customers' typical orders differ, "
                         "and the answer lies between his order and the average.",
                   "ru": "Один заказ — слабое свидетельство: его взвешивают с тем, насколько различаются обычные "
                         "чеки клиентов, и ответ оказывается между его заказом и средним."},
            "r3": {"en": "A model is more cautious than the data, so its figure is the safe one.",
                   "ru": "Модель осторожнее данных, поэтому её число — надёжное."},
        },
        explain={
            "own": {"en": "One order says little about his typical order: a customer's orders vary around it "
                          "(by about 40% at p = 6.25), so $243 is likely above his usual, and the model expects "
                          "about $180.",
                    "ru": "Один заказ мало говорит о его обычном чеке: заказы клиента колеблются вокруг него "
                          "(примерно на 40 % при p = 6,25), так что 24 298 ₽ скорее выше его обычного, и модель "
                          "ждёт около 17 957 ₽."},
            "model": {"en": "Yes: the model weighs his one order of $243 against the spread of typical orders "
                            "across the base and expects about $180.",
                      "ru": "Да: модель взвешивает его единственный заказ на 24 298 ₽ с разбросом обычных чеков "
                            "по базе и ждёт около 17 957 ₽."},
            "average": {"en": "The average ($35) throws away what he did spend: typical orders differ a lot "
                              "between customers, so his $243 order does tell us something, and the model "
                              "expects about $180.",
                        "ru": "Средний чек (3 517 ₽) отбрасывает то, что клиент действительно потратил: обычные "
                              "чеки клиентов сильно различаются, поэтому его заказ на 24 298 ₽ кое-что говорит, "
                              "и модель ждёт около 17 957 ₽."},
            "r1": {"en": "The base tells how much typical orders differ between customers, and so how far one "
                         "order can be trusted; that is exactly what pulls $243 down to about $180.",
                   "ru": "База показывает, насколько обычные чеки различаются между клиентами, а значит, "
                         "насколько можно верить одному заказу; именно это тянет 24 298 ₽ вниз, к 17 957 ₽."},
            "r2": {"en": "Right: the expected spend is a weighted average of his own mean and the base's mean, "
                         "with his weight growing with the number of his orders.",
                   "ru": "Верно: ожидаемый чек — взвешенное среднее его собственного среднего и среднего по базе, "
                         "и вес клиента растёт с числом его заказов."},
            "r3": {"en": "The model is not cautious in one direction: customer 2's one order of $11.77 is pulled "
                         "up to about $18.91. It pulls every small sample towards the base's mean.",
                   "ru": "Модель не осторожничает в одну сторону: единственный заказ клиента 2 на 1 177 ₽ она "
                         "поднимает примерно до 1 891 ₽. Она тянет к среднему по базе любую малую выборку."},
        },
        feedback={
            "en": "Gamma-Gamma shrinks a customer's average towards the base's: the fewer their orders, the "
                  "stronger the pull, in both directions.",
            "ru": "Gamma-Gamma подтягивает средний чек клиента к среднему по базе: чем меньше у него заказов, "
                  "тем сильнее, и в обе стороны.",
        },
        hint={
            "en": "Compare customers 357 and 2 in the table: which way does the model move each of them, "
                  "and why?",
            "ru": "Сравните в таблице клиентов 357 и 2: куда модель сдвигает каждого из них и почему?",
        },
        solution={
            "en": "model, reason r2: E[spend] = (p·γ + p·x·m) / (p·x + q − 1), a weighted average of his mean m "
                  "and the base's mean p·γ / (q − 1), with weight p·x / (p·x + q − 1) on his own.",
            "ru": "model, причина r2: E[чек] = (p·γ + p·x·m) / (p·x + q − 1) — взвешенное среднее его чека m и "
                  "среднего по базе p·γ / (q − 1) с весом p·x / (p·x + q − 1) на его собственном.",
        },
    ),
]
