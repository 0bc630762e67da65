"""Exercises of notebook 16 (predictive models in depth): reading parameters, trusting one order, a model for a setting.

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


#: 16.3: the two facts about a business that choose among the models of this notebook and notebook 15.
SEASON_TICKETS = {"occasions": "fixed", "leaving_seen": False}


def model_for_setting(occasions: str, leaving_seen: bool) -> str:
    """The model whose assumptions fit a business: when customers can buy, and whether leaving is seen."""
    if leaving_seen:
        return "sbg"  # a contract: the moment of leaving is in the data
    return "bgbb" if occasions == "fixed" else "paretonbd"  # BG/NBD and MBG/NBD tell the same story


def _model_for_season_tickets():
    return model_for_setting(**SEASON_TICKETS), "r2"


def _purchases_per_year():
    from ..models import BGNBD

    cal, _ = calibration_and_holdout()
    params = BGNBD().fit(cal).params_
    return float(params["r"] / params["alpha"] * WEEKS_PER_YEAR)


EXERCISES = [
    Exercise(
        key="16.1",
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
        key="16.2",
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
    Exercise(
        key="16.3",
        kind="decision",
        expected=_model_for_season_tickets,
        question={
            "en": (
                "A theatre sells season tickets once a year. Each season a patron buys one or not; some skip a\n"
                "season and come back, and nobody tells the theatre when they stop for good. Which model do you\n"
                "fit to its patrons' histories: the sBG model (`sbg`), BG/BB (`bgbb`) or Pareto/NBD (`paretonbd`)?"
            ),
            "ru": (
                "Театр раз в год продаёт абонементы на сезон. Каждый сезон зритель либо покупает абонемент, либо\n"
                "нет; некоторые пропускают сезон и возвращаются, и никто не сообщает театру, что больше не придёт.\n"
                "Какую модель вы обучите на истории зрителей: sBG (`sbg`), BG/BB (`bgbb`) или Pareto/NBD (`paretonbd`)?"
            ),
        },
        prompt={"en": '"sbg", "bgbb" or "paretonbd"', "ru": '"sbg", "bgbb" или "paretonbd"'},
        options=("sbg", "bgbb", "paretonbd"),
        synonyms={"sbg": ("модель sBG", "shifted beta geometric", "смещённая бета-геометрическая"),
                  "bgbb": ("BG/BB", "BG-BB", "модель BG/BB"),
                  "paretonbd": ("Pareto/NBD", "Pareto-NBD", "Парето/NBD", "модель Pareto/NBD")},
        reasons={
            "r1": {"en": "Pareto/NBD forecast CDNOW's holdout best in the table above.",
                   "ru": "Pareto/NBD лучше всех спрогнозировала отложенный период CDNOW в таблице выше."},
            "r2": {"en": "Patrons buy only at fixed occasions, and nobody sees them leave.",
                   "ru": "Зрители покупают только в фиксированные моменты, и их уход никто не видит."},
            "r3": {"en": "A season ticket is renewed like a subscription, so a patron who does not renew has left.",
                   "ru": "Абонемент продлевают, как подписку, значит, зритель, который его не продлил, ушёл."},
        },
        explain={
            "sbg": {"en": "The sBG model needs the moment of leaving to be seen, as a cancelled contract is; here a "
                          "patron who skips a season may come back, so a skipped season is not a cancellation.",
                    "ru": "Модели sBG нужен видимый момент ухода, как у расторгнутого договора; здесь зритель, "
                          "пропустивший сезон, может вернуться, так что пропуск — не расторжение."},
            "bgbb": {"en": "Yes: one yes-or-no occasion a season while a patron is still a patron, and a drop-out "
                           "nobody announces: the discrete story BG/BB tells.",
                     "ru": "Да: одна возможность «да или нет» за сезон, пока зритель остаётся зрителем, и уход, "
                           "о котором никто не сообщает, — именно эту дискретную историю рассказывает BG/BB."},
            "paretonbd": {"en": "Pareto/NBD lets a customer buy at any moment, several times between two seasons; "
                                "a patron can buy once a season, so its story does not fit this business.",
                          "ru": "Pareto/NBD позволяет покупать в любой момент и несколько раз между сезонами, а "
                                "зритель может купить абонемент раз в сезон, так что её история этому бизнесу не "
                                "подходит."},
            "r1": {"en": "True for CDNOW, where purchases come at any time (MAE 0.755 per customer), but a holdout "
                         "ranks models that fit the setting; it does not carry over to one occasion a season.",
                   "ru": "Для CDNOW это так: там покупают в любое время (MAE 0,755 на клиента). Но отложенный "
                         "период сравнивает модели, подходящие к ситуации, и на бизнес с одной покупкой за сезон "
                         "не переносится."},
            "r2": {"en": "Right: the setting comes first. Fixed occasions and an unseen drop-out are BG/BB's two "
                         "assumptions; its own holdout then checks the fit.",
                   "ru": "Верно: сначала ситуация. Фиксированные моменты покупки и невидимый уход — два допущения "
                         "BG/BB; затем её проверяют на собственном отложенном периоде."},
            "r3": {"en": "Only if a patron who skips never returns; these patrons skip a season and come back, so "
                         "not renewing does not mean leaving.",
                   "ru": "Только если пропустивший сезон никогда не возвращается; а эти зрители пропускают сезон и "
                         "возвращаются, так что непродление — ещё не уход."},
        },
        feedback={
            "en": "Choose the model whose story is the business's first: when customers can buy, and whether "
                  "you see them leave. The holdout then chooses among the models that fit.",
            "ru": "Сначала выбирайте модель, чья история совпадает с бизнесом: когда клиенты могут покупать и "
                  "видно ли их уход. Потом отложенный период выбирает среди подходящих моделей.",
        },
        hint={
            "en": "Two questions: can a patron buy at any moment, and does the theatre see a patron leave?",
            "ru": "Два вопроса: может ли зритель купить в любой момент и видит ли театр, что зритель ушёл?",
        },
        solution={
            "en": "bgbb, reason r2: purchases at fixed occasions (one a season) and a drop-out nobody sees; "
                  "the sBG model needs a seen cancellation, Pareto/NBD purchases at any time.",
            "ru": "bgbb, причина r2: покупки в фиксированные моменты (раз в сезон) и уход, которого никто не "
                  "видит; модели sBG нужен видимый уход, Pareto/NBD — покупки в любое время.",
        },
    ),
]
