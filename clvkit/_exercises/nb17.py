"""Exercises of notebook 17 (validating models and choosing one).

Every expected answer is computed from the holdout checks the notebook shows: CDNOW's 39-week
calibration and holdout (Fader, Hardie & Lee 2005), and the synthetic retailer of notebook 08 split
the same way (15 months of calibration, the next 39 weeks held out).
"""

from __future__ import annotations

from functools import lru_cache

from ..teach import Exercise

#: The retailer's calibration end and the end of its 39-week holdout.
RETAILER_CALIBRATION_END = "2024-03-31"
RETAILER_OBSERVATION_END = "2024-12-30"
#: The transaction models compared on CDNOW, by the names the notebook's table uses.
MODELS = ("BG/NBD", "Pareto/NBD", "MBG/NBD")


@lru_cache(maxsize=1)
def cdnow_comparison():
    """Holdout errors of the three models and the two naive rules on CDNOW, with each model's log-likelihood."""
    from ..datasets import load_cdnow_summary
    from ..models import BGNBD, MBGNBD, ParetoNBD
    from ..validation import holdout_errors, naive_baselines

    calibration, holdout = load_cdnow_summary(with_holdout=True)
    weeks = float(holdout["duration_holdout"].iloc[0])
    fitted = {name: cls().fit(calibration) for name, cls in zip(MODELS, (BGNBD, ParetoNBD, MBGNBD))}
    forecasts = {name: m.predict_purchases(calibration, weeks) for name, m in fitted.items()}
    naive = naive_baselines(calibration, holdout)
    forecasts.update(own=naive["own"], average=naive["average"])
    errors = holdout_errors(forecasts, holdout["frequency_holdout"], baselines=["own", "average"])
    errors["log_likelihood"] = [fitted[n].log_likelihood_ if n in fitted else float("nan") for n in errors.index]
    return errors


@lru_cache(maxsize=1)
def retailer_errors():
    """BG/NBD and the naive rules on the retailer's holdout."""
    from ..data import split_calibration_holdout
    from ..datasets import load_retailer
    from ..models import BGNBD
    from ..validation import holdout_errors, naive_baselines

    tx = load_retailer()[["customer_id", "date", "amount"]]
    calibration, holdout = split_calibration_holdout(tx, calibration_end=RETAILER_CALIBRATION_END,
                                                     observation_end=RETAILER_OBSERVATION_END, time_unit="W")
    weeks = float(holdout["duration_holdout"].iloc[0])
    naive = naive_baselines(calibration, holdout)
    forecasts = {"BG/NBD": BGNBD().fit(calibration).predict_purchases(calibration, weeks),
                 "own": naive["own"], "average": naive["average"]}
    return holdout_errors(forecasts, holdout["frequency_holdout"], baselines=["own", "average"])


def forecast_for_each_customer() -> tuple[str, str]:
    """17.1: of BG/NBD and the two rules, the smallest error per customer (r2)."""
    mae = cdnow_comparison().loc[["BG/NBD", "own", "average"], "mae"]
    return {"BG/NBD": "bgnbd", "own": "own", "average": "average"}[mae.idxmin()], "r2"


def retailer_floor() -> tuple[str, str]:
    """17.2: the total is a floor only where the base's own holdout shows the model under the actual (r3)."""
    return ("yes" if retailer_errors().loc["BG/NBD", "total_error_pct"] < 0 else "no"), "r3"


def model_for_cdnow() -> tuple[str, str]:
    """17.3: of the three models, the smallest error per customer on the holdout (r1)."""
    mae = cdnow_comparison().loc[list(MODELS), "mae"]
    return {"BG/NBD": "bgnbd", "Pareto/NBD": "paretonbd", "MBG/NBD": "mbgnbd"}[mae.idxmin()], "r1"


def _texts(lang: str) -> dict[str, str]:
    from ..i18n import format_number

    e, r = cdnow_comparison(), retailer_errors()

    def pct(x):
        return ("+" if x > 0 else "") + format_number(x, lang, decimals=1) + ("\u00a0%" if lang == "ru" else "%")

    def num(x):
        return format_number(x, lang, decimals=3)

    out = {f"mae_{k}": num(e.loc[n, "mae"]) for k, n in
           (("bg", "BG/NBD"), ("pa", "Pareto/NBD"), ("mbg", "MBG/NBD"), ("own", "own"), ("avg", "average"))}
    out.update({f"tot_{k}": pct(e.loc[n, "total_error_pct"]) for k, n in
                (("bg", "BG/NBD"), ("pa", "Pareto/NBD"), ("mbg", "MBG/NBD"), ("own", "own"))})
    out.update({f"ll_{k}": format_number(e.loc[n, "log_likelihood"], lang, decimals=1) for k, n in
                (("bg", "BG/NBD"), ("pa", "Pareto/NBD"), ("mbg", "MBG/NBD"))})
    out.update(retail=pct(r.loc["BG/NBD", "total_error_pct"]), retail_own=pct(r.loc["own", "total_error_pct"]))
    return out


E, R = _texts("en"), _texts("ru")


def _b(en: str, ru: str) -> dict:
    return {"en": en, "ru": ru}


EXERCISES = [
    Exercise(
        key="17.1", kind="decision", expected=forecast_for_each_customer,
        question=_b("The CRM team wants each customer's expected purchases over the next 39 weeks, to decide whom "
                    "to call. Which forecast of the holdout table do you give them: BG/NBD (`bgnbd`), the "
                    "customer's own past rate (`own`) or the average rate (`average`)?",
                    "Команде CRM нужны ожидаемые покупки каждого клиента на следующие 39 недель, чтобы решить, "
                    "кому звонить. Какой прогноз из таблицы отложенного периода вы им дадите: BG/NBD (`bgnbd`), "
                    "собственный прошлый темп клиента (`own`) или средний темп (`average`)?"),
        prompt=_b('"bgnbd", "own" or "average"', '"bgnbd", "own" (свой темп) или "average" (средний темп)'),
        options=("bgnbd", "own", "average"),
        synonyms={"bgnbd": ("BG/NBD", "bg/nbd", "модель"), "own": ("свой темп", "свой"),
                  "average": ("средний", "средний темп", "среднее")},
        reasons={"r1": _b("its total is the closest to the actual total", "его итог ближе всех к фактическому"),
                 "r2": _b("its error per customer (mae) on the holdout is the smallest",
                          "его ошибка на клиента (mae) в отложенном периоде самая маленькая"),
                 "r3": _b("it reproduces the published estimates", "он воспроизводит опубликованные оценки")},
        explain={"bgnbd": _b(f"BG/NBD's error per customer is {E['mae_bg']} purchases, against {E['mae_own']} for "
                             f"the own rate and {E['mae_avg']} for the average.",
                             f"Ошибка BG/NBD на клиента — {R['mae_bg']} покупки против {R['mae_own']} у своего "
                             f"темпа и {R['mae_avg']} у среднего."),
                 "own": _b(f"The own rate misses a typical customer by {E['mae_own']} purchases, BG/NBD by "
                           f"{E['mae_bg']}: it forgets that customers leave.",
                           f"Свой темп забывает, что клиенты уходят: он ошибается на типичном клиенте на {R['mae_own']} "
                           f"покупки, BG/NBD — на {R['mae_bg']}."),
                 "average": _b(f"The average gives everybody the same number and misses by {E['mae_avg']} purchases "
                               "a customer, the most of all.",
                               f"Средний темп даёт всем одно число и ошибается на {R['mae_avg']} покупки на "
                               "клиента — сильнее всех."),
                 "r1": _b(f"True (BG/NBD's total is {E['tot_bg']} off, the own rate's {E['tot_own']}), but the wrong "
                          "criterion for targeting: a total can be right while every customer is wrong, because "
                          "errors cancel. For calls to individuals, the error per customer counts.",
                          f"Это так (итог BG/NBD отличается от факта на {R['tot_bg']}, своего темпа — на "
                          f"{R['tot_own']}), но для выбора, кому звонить, это не тот критерий: итог может быть "
                          "верным при ошибке на каждом клиенте, ведь ошибки взаимно гасятся. Для звонков конкретным "
                          "людям важна ошибка на клиента."),
                 "r2": _b("Right: the question is about individuals, so judge by the error per customer.",
                          "Верно: вопрос о конкретных людях, поэтому судите по ошибке на клиента."),
                 "r3": _b("Reproducing the paper checks the code, not how well the model forecasts this base.",
                          "Совпадение со статьёй проверяет код, а не то, как модель прогнозирует эту базу.")},
        feedback=_b("Give them the model's forecast: it is the closest for a typical customer, about a quarter "
                    "closer than the better spreadsheet rule.",
                    "Дайте им прогноз модели: для типичного клиента он точнее всех — примерно на четверть точнее "
                    "лучшего правила из таблицы."),
        hint=_b("The question is about each customer, not the total: which column measures that?",
                "Вопрос о каждом клиенте, а не об итоге: какой столбец это измеряет?"),
        solution=_b("errors.loc[['BG/NBD', 'own', 'average'], 'mae'].idxmin()",
                    "errors.loc[['BG/NBD', 'own', 'average'], 'mae'].idxmin()  # наименьшая ошибка на клиента"),
    ),
    Exercise(
        key="17.2", kind="decision", expected=retailer_floor,
        question=_b("On CDNOW the model's holdout total came in under the actual. Finance now plans the retailer's "
                    "next 39 weeks with BG/NBD fitted to its first 15 months, and asks whether it may treat the "
                    "model's total as a floor, the least it should expect. Do you say yes?",
                    "На CDNOW итог модели в отложенном периоде оказался ниже факта. Теперь финансисты планируют "
                    "следующие 39 недель интернет-магазина по BG/NBD, обученной на первых 15 месяцах, и спрашивают, можно "
                    "ли считать итог модели нижней границей — минимумом, которого стоит ждать. Вы ответите «да»?"),
        prompt=_b('"yes" or "no"', '"yes" (да) или "no" (нет)'),
        options=("yes", "no"), synonyms={"yes": ("да",), "no": ("нет",)},
        reasons={"r1": _b("the model undershot on CDNOW, so it undershoots", "на CDNOW модель занизила, значит, занижает"),
                 "r2": _b("probability models always undershoot because they let customers leave",
                          "вероятностные модели всегда занижают, потому что позволяют клиентам уходить"),
                 "r3": _b("only this base's own holdout shows which side the model errs on",
                          "только отложенный период этой базы показывает, в какую сторону ошибается модель")},
        explain={"yes": _b(f"On the retailer's holdout the model's total was {E['retail']} against the actual: "
                           "above it, so it is no floor.",
                           f"В отложенном периоде интернет-магазина итог модели отличался от факта на {R['retail']} — "
                           "выше факта, так что нижней границей он не является."),
                 "no": _b(f"The retailer's holdout puts the model's total {E['retail']} from the actual.",
                          f"Отложенный период интернет-магазина показывает отклонение итога модели на {R['retail']}."),
                 "r1": _b(f"One dataset is not a law: on the retailer the same model errs by {E['retail']}.",
                          f"Один набор данных — не закон: у интернет-магазина та же модель ошибается на {R['retail']}."),
                 "r2": _b(f"Letting customers leave is why the model beats the naive rate ({E['retail_own']} there), "
                          f"not a guarantee of undershooting: here it errs by {E['retail']}.",
                          f"То, что клиенты могут уйти, объясняет, почему модель точнее наивного темпа "
                          f"({R['retail_own']}), но не гарантирует занижения: здесь ошибка {R['retail']}."),
                 "r3": _b("Right: the direction of the error belongs to the base and the period, so check it each time.",
                          "Верно: направление ошибки — свойство базы и периода, его проверяют каждый раз.")},
        feedback=_b(f"No: on this base the model overshot its holdout ({E['retail']}). Hand finance the model's total "
                    "with the error its own holdout showed, not a floor.",
                    f"Нет: на этой базе модель завысила отложенный период ({R['retail']}). Дайте финансистам итог "
                    "модели вместе с ошибкой, которую показал её отложенный период, а не нижнюю границу."),
        hint=_b("Look at the sign of total_error_pct in the retailer's table, not CDNOW's.",
                "Посмотрите на знак total_error_pct в таблице интернет-магазина, а не CDNOW."),
        solution=_b("retail.loc['BG/NBD', 'total_error_pct']  # above 0: the model overshot",
                    "retail.loc['BG/NBD', 'total_error_pct']  # больше 0: модель завысила"),
    ),
    Exercise(
        key="17.3", kind="decision", expected=model_for_cdnow,
        question=_b("The three models all fit CDNOW's setting. You will score its customers one by one for a "
                    "campaign: which forecasts them best, BG/NBD (`bgnbd`), Pareto/NBD (`paretonbd`) or MBG/NBD "
                    "(`mbgnbd`)?",
                    "Все три модели подходят к ситуации CDNOW. Вы будете оценивать клиентов по одному для "
                    "кампании: какая прогнозирует их лучше — BG/NBD (`bgnbd`), Pareto/NBD (`paretonbd`) или "
                    "MBG/NBD (`mbgnbd`)?"),
        prompt=_b('"bgnbd", "paretonbd" or "mbgnbd"', '"bgnbd", "paretonbd" или "mbgnbd"'),
        options=("bgnbd", "paretonbd", "mbgnbd"),
        synonyms={"bgnbd": ("BG/NBD", "бг/нбд"), "paretonbd": ("Pareto/NBD", "парето"), "mbgnbd": ("MBG/NBD", "мбг/нбд")},
        reasons={"r1": _b("the smallest error per customer on the holdout", "наименьшая ошибка на клиента в отложенном периоде"),
                 "r2": _b("the highest log-likelihood on the calibration period",
                          "наибольшее правдоподобие на периоде калибровки"),
                 "r3": _b("the model whose published estimates we reproduced", "модель, чьи опубликованные оценки мы воспроизвели")},
        explain={"bgnbd": _b(f"BG/NBD misses a customer by {E['mae_bg']} purchases, Pareto/NBD by {E['mae_pa']}.",
                             f"BG/NBD ошибается на клиенте на {R['mae_bg']} покупки, Pareto/NBD — на {R['mae_pa']}."),
                 "paretonbd": _b(f"Pareto/NBD misses a customer by {E['mae_pa']} purchases, the least of the three.",
                                 f"Pareto/NBD ошибается на клиенте на {R['mae_pa']} покупки — меньше всех трёх."),
                 "mbgnbd": _b(f"MBG/NBD has the best calibration fit but misses a customer by {E['mae_mbg']} "
                              f"purchases against Pareto/NBD's {E['mae_pa']}, and its total by {E['tot_mbg']}.",
                              f"У MBG/NBD лучшее совпадение на калибровке, но на клиенте она ошибается на "
                              f"{R['mae_mbg']} покупки против {R['mae_pa']} у Pareto/NBD, а итог — на {R['tot_mbg']}."),
                 "r1": _b("Right: you will use it to forecast customers, so judge it on customers it did not see.",
                          "Верно: модель нужна для прогноза по клиентам, поэтому судите по клиентам в периоде, "
                          "которого она не видела."),
                 "r2": _b(f"The fit to the past is not the forecast: MBG/NBD ({E['ll_mbg']}) beats Pareto/NBD "
                          f"({E['ll_pa']}) on calibration and loses on the holdout.",
                          f"Совпадение с прошлым — ещё не прогноз: MBG/NBD ({R['ll_mbg']}) лучше Pareto/NBD "
                          f"({R['ll_pa']}) на калибровке и хуже в отложенном периоде."),
                 "r3": _b("Reproducing the paper shows the code is right, not that the model forecasts best.",
                          "Совпадение со статьёй показывает, что код верен, а не что модель прогнозирует лучше.")},
        feedback=_b("Pareto/NBD, by a small margin: all three beat the spreadsheet rules by about a quarter, so "
                    "the choice among them matters far less than checking any of them.",
                    "Pareto/NBD, с небольшим отрывом: все три точнее правил из таблицы примерно на четверть, так "
                    "что выбор между ними важен гораздо меньше, чем сама проверка."),
        hint=_b("You will score customers on data the model has not seen: which column of the comparison says how "
                "well it does that?",
                "Оценивать клиентов предстоит на данных, которых модель не видела: какой столбец сравнения "
                "говорит, насколько хорошо она это делает?"),
        solution=_b("comparison['mae'].idxmin()", "comparison['mae'].idxmin()  # наименьшая ошибка на клиента"),
    ),
]
