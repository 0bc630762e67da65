"""Exercises of notebook 11 (your own data: the template run on the shipped example export): two decisions.

11.1: whether the file's numbers can be acted on, from the loader's report and the workbench's trust
check; 11.2: which 40 customers get a personal manager, ranked by their own CLV, by their segment or
by what they spent so far. The figures are
computed here from ``datasets/example_orders.csv`` the way the notebook computes them, never typed.
"""

from __future__ import annotations

import warnings
from functools import lru_cache

from ..teach import Exercise

#: The template settings of the notebook for datasets/example_orders.csv.
COLUMNS = {"customer_col": "client", "date_col": "order_date", "amount_col": "total"}
FORMATS = {"date_format": "%d.%m.%Y", "decimal": ","}
MARGIN, HORIZON_MONTHS, ANNUAL_DISCOUNT_RATE = 0.30, 12, 0.10
#: 11.1: below this share of changed rows an explained report is a normal export, not a broken one.
CHANGED_LIMIT = 0.01
#: 11.2: how many customers get a personal manager.
MANAGER_CAPACITY = 40


@lru_cache(maxsize=1)
def example() -> dict:
    """The example export read as it is, loaded with the notebook's settings and valued by the workbench."""
    import pandas as pd

    from ..data.transactions import load_transactions
    from ..datasets import dataset_path
    from ..workbench import Settings, Workbench

    path = dataset_path("example_orders.csv")
    raw = pd.read_csv(path, sep=";", decimal=",")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the notebook prints the loader's report; here we count for ourselves
        tx = load_transactions(path, **COLUMNS, **FORMATS, on_negative="net", on_duplicate="drop")
    wb = Workbench(lang="en", settings=Settings(margin=MARGIN, horizon_months=HORIZON_MONTHS,
                                                annual_discount_rate=ANNUAL_DISCOUNT_RATE, currency="USD"))
    wb.upload(tx.to_csv(index=False).encode("utf-8"), "orders.csv")
    wb.compute(customer_col="customer_id", date_col="date", amount_col="amount")
    return {"rows": len(raw), "refunds": int((raw["total"] < 0).sum()), "duplicates": int(raw.duplicated().sum()),
            "kept": len(tx), "trust": wb.trust, "segments": wb.segments, "customers": wb.customers}


def _changed_share() -> float:
    data = example()
    return (data["refunds"] + data["duplicates"]) / data["rows"]


def _trust_or_fix() -> tuple[str, str]:
    trust = example()["trust"]
    errors = trust["errors"]  # "own" is the naive forecast: every customer keeps their own pace
    sound = (trust["ok"] and trust["model_error"] <= trust["naive_error"]
             and errors.loc["model", "mae"] <= errors.loc["own", "mae"] and _changed_share() < CHANGED_LIMIT)
    return ("use", "r1") if sound else ("fix_first", "r3")


@lru_cache(maxsize=1)
def manager_lists() -> dict[str, float]:
    """Share of next year's value (the sum of 12-month CLV) each way of picking MANAGER_CAPACITY customers holds.

    ``top_clv``: the customers with the highest CLV; ``champions``: any of the champions segment, on
    average (the segment's mean CLV times the number picked); ``top_spend``: the largest spenders so far.
    """
    customers = example()["customers"]
    total, n = float(customers["clv"].sum()), MANAGER_CAPACITY
    champions = customers.loc[customers["segment"] == "champions", "clv"]
    return {"top_clv": float(customers["clv"].nlargest(n).sum()) / total,
            "champions": n * float(champions.mean()) / total,
            "top_spend": float(customers.nlargest(n, "total_amount")["clv"].sum()) / total}


def _which_customers() -> tuple[str, str]:
    shares = manager_lists()
    return max(shares, key=shares.get), "r1"


def _error_share(value: float, lang: str) -> str:
    """A forecast's error as a share, "under 1%" when it rounds to 0%: the 0.3% of a total is luck, not 0."""
    from ..i18n import format_percent

    if abs(value) < 0.01:
        return {"en": "under 1%", "ru": "меньше 1 %"}[lang]
    return format_percent(value, lang, decimals=0)


def _num(value: float, lang: str) -> str:
    from ..i18n import format_number

    return format_number(value, lang, decimals=2)


def _texts() -> dict:
    from ..i18n import format_percent

    data = example()
    seg, trust = data["segments"], data["trust"]
    out = {}
    for lang in ("en", "ru"):
        out[lang] = {
            "changed": str(data["refunds"] + data["duplicates"]), "rows": str(data["rows"]),
            "share": format_percent(_changed_share(), lang, decimals=1),
            "model": _error_share(trust["model_error"], lang),
            "naive": _error_share(trust["naive_error"], lang),
            "mae_model": _num(float(trust["errors"].loc["model", "mae"]), lang),
            "mae_naive": _num(float(trust["errors"].loc["own", "mae"]), lang),
            "capacity": str(MANAGER_CAPACITY),
        }
        for name, share in manager_lists().items():
            out[lang][f"list_{name}"] = format_percent(share, lang, decimals=0)
        for name in ("champions", "hibernating", "promising"):
            out[lang][f"{name}_c"] = format_percent(seg.loc[name, "customer_share"], lang, decimals=1)
            out[lang][f"{name}_v"] = format_percent(seg.loc[name, "value_share"], lang, decimals=1)
            out[lang][f"{name}_n"] = str(int(seg.loc[name, "customers"]))
    return out


T = _texts()
E, R = T["en"], T["ru"]

EXERCISES = [
    Exercise(
        key="11.1",
        kind="decision",
        expected=_trust_or_fix,
        options=("use", "fix_first"),
        synonyms={"use": ("use it", "trust", "act", "использовать", "доверять", "работать"),
                  "fix_first": ("fix", "fix first", "исправить", "сначала исправить", "исправить выгрузку")},
        question={
            "en": ("The CRM team wants the retention list from this file tomorrow. From the loader's report and the\n"
                   'trust check above: do you let them use it ("use") or fix the export first ("fix_first")?'),
            "ru": ("CRM-команда хочет завтра получить список на удержание по этому файлу. Судя по отчёту загрузчика\n"
                   'и проверке модели выше: отдать список в работу ("use") или сначала исправить выгрузку ("fix_first")?'),
        },
        prompt={"en": '"use" or "fix_first"', "ru": '"use" или "fix_first" (можно "использовать" или "исправить")'},
        reasons={
            "r1": {"en": "The loader changed only a few rows and said which, and the model forecast the held-out "
                         "months better than the naive guess, in total and per customer.",
                   "ru": "Загрузчик изменил лишь несколько строк и сказал, какие, а модель спрогнозировала "
                         "отложенные месяцы точнее наивного прогноза — и в сумме, и по каждому клиенту."},
            "r2": {"en": "The file loaded without an error, so its numbers are right.",
                   "ru": "Файл загрузился без ошибки, значит, цифры в нём верные."},
            "r3": {"en": "The loader had to change rows, so the export is broken.",
                   "ru": "Загрузчику пришлось менять строки, значит, выгрузка сломана."},
        },
        explain={
            "use": {"en": (f"{E['changed']} of {E['rows']} rows changed ({E['share']}), each explained, and on the "
                           f"last three months the model was {E['model']} off in total against the naive "
                           f"{E['naive']}, and closer customer by customer too ({E['mae_model']} purchases off on "
                           f"average against {E['mae_naive']})."),
                    "ru": (f"Изменены {R['changed']} из {R['rows']} строк ({R['share']}), каждая с объяснением, а "
                           f"на последних трёх месяцах модель ошиблась в сумме на {R['model']} против "
                           f"{R['naive']} у наивного прогноза и точнее по каждому клиенту (в среднем на "
                           f"{R['mae_model']} покупки против {R['mae_naive']}).")},
            "fix_first": {"en": (f"Nothing in the report asks for a fix: the {E['changed']} changed rows are a refund "
                                 f"and a double export, handled as the settings say, and the model beat the naive "
                                 f"forecast ({E['model']} against {E['naive']})."),
                          "ru": (f"В отчёте нет ничего, что требует исправления: {R['changed']} изменённые строки — "
                                 "возврат и повторная выгрузка, обработанные так, как велят настройки, а модель "
                                 f"точнее наивного прогноза ({R['model']} против {R['naive']}).")},
            "r1": {"en": ("A short, explained report and a model that forecast unseen months better than the naive "
                          "guess, in total and per customer (the error a retention list depends on), are what a "
                          "file can show in its favour."),
                   "ru": ("Короткий понятный отчёт и модель, которая предсказала не виденные ею месяцы точнее "
                          "наивного прогноза — и в сумме, и по каждому клиенту (от этой ошибки зависит список на "
                          "удержание), — вот что файл может показать в свою пользу.")},
            "r2": {"en": "A load without an error proves the format, not the content: a file missing half its months "
                         "loads too. The report and the trust check say more.",
                   "ru": "Загрузка без ошибки подтверждает лишь формат, а не содержание: файл без половины месяцев тоже "
                         "загрузится. Больше говорят отчёт и проверка модели."},
            "r3": {"en": (f"A refund and an order exported twice are normal in any export ({E['share']} of the rows "
                          "here); the loader handled both and said so."),
                   "ru": (f"Возврат и заказ, выгруженный дважды, — обычное дело для любой выгрузки (здесь "
                          f"{R['share']} строк); загрузчик обработал оба случая и сообщил о них.")},
        },
        feedback={
            "en": "Read the report (what changed, how much) and the trust check (did the model forecast unseen months "
                  "better than a naive guess) every time you load a new export.",
            "ru": "Читайте отчёт (что изменено и сколько) и проверку модели (предсказала ли она месяцы, которых не "
                  "видела, лучше наивного прогноза) при каждой новой выгрузке.",
        },
        hint={
            "en": "How many rows did the loader change, out of how many, and why? Which forecast of the last three "
                  "months was closer: the model's or the naive one?",
            "ru": "Сколько строк изменил загрузчик, из скольких и почему? Чей прогноз последних трёх месяцев оказался "
                  "точнее: модели или наивный?",
        },
        solution={
            "en": ("[str(note.message) for note in report], len(tx)  # a refund netted, a duplicate dropped\n"
                   "wb.trust['errors'][['total_error_pct', 'mae']]  # the model beat the naive forecast ('own')\n"
                   '# decision = "use", reason = "r1"'),
            "ru": ("[str(note.message) for note in report], len(tx)  # вычтен возврат, удалён дубль\n"
                   "wb.trust['errors'][['total_error_pct', 'mae']]  # модель точнее наивного прогноза ('own')\n"
                   '# decision = "use", reason = "r1"'),
        },
    ),
    Exercise(
        key="11.2",
        kind="decision",
        expected=_which_customers,
        options=("top_clv", "champions", "top_spend"),
        synonyms={"top_clv": ("top clv", "highest clv", "by clv", "по clv", "топ по clv", "с наибольшим clv"),
                  "champions": ("чемпионы", "чемпионов", "40 чемпионов"),
                  "top_spend": ("top spenders", "biggest spenders", "по тратам", "топ по тратам",
                                "больше всех потратили")},
        question={
            "en": (f"The company can give {E['capacity']} customers a personal manager to keep them buying next "
                   "year.\nWhich list gets them: the customers with the highest 12-month CLV (wb.customers), any\n"
                   f"{E['capacity']} champions, or the {E['capacity']} who have spent the most so far?"),
            "ru": (f"Компания может дать персонального менеджера {R['capacity']} клиентам, чтобы они продолжали "
                   "покупать в следующем году.\nКакой список выбрать: клиентов с наибольшим CLV за 12 месяцев "
                   f"(wb.customers), любых {R['capacity']}\nчемпионов или {R['capacity']} клиентов, которые "
                   "потратили больше всех на сегодня?"),
        },
        prompt={"en": '"top_clv", "champions" or "top_spend"',
                "ru": '"top_clv", "champions" или "top_spend" (можно "по CLV", "чемпионы", "по тратам")'},
        reasons={
            "r1": {"en": "A manager protects next year's value, and each customer's own CLV ranks who holds most of it.",
                   "ru": "Менеджер бережёт ценность следующего года, а собственный CLV каждого клиента показывает, "
                         "у кого её больше всего."},
            "r2": {"en": "Champions are the best segment, so any of them is among the most valuable customers.",
                   "ru": "Чемпионы — лучший сегмент, значит, любой из них входит в число самых ценных клиентов."},
            "r3": {"en": "Whoever has spent the most so far will spend the most next year.",
                   "ru": "Кто больше всех потратил на сегодня, больше всех потратит и в следующем году."},
        },
        explain={
            "top_clv": {"en": (f"The {E['capacity']} customers with the highest CLV hold {E['list_top_clv']} of next "
                               f"year's value, against {E['list_champions']} for {E['capacity']} champions picked "
                               f"at random and {E['list_top_spend']} for the biggest spenders."),
                        "ru": (f"На {R['capacity']} клиентов с наибольшим CLV приходится {R['list_top_clv']} "
                               f"ценности следующего года против {R['list_champions']} у {R['capacity']} случайных "
                               f"чемпионов и {R['list_top_spend']} у тех, кто потратил больше всех.")},
            "champions": {"en": (f"{E['capacity']} of the {E['champions_n']} champions hold {E['list_champions']} of "
                                 f"the value on average; ranked by CLV, {E['capacity']} customers hold "
                                 f"{E['list_top_clv']}."),
                          "ru": (f"На {R['capacity']} из {R['champions_n']} чемпионов приходится в среднем "
                                 f"{R['list_champions']} ценности; {R['capacity']} клиентов, отобранных по CLV, — "
                                 f"{R['list_top_clv']}.")},
            "top_spend": {"en": (f"The biggest spenders hold {E['list_top_spend']} of next year's value, less than "
                                 f"the {E['list_top_clv']} of the top by CLV: some of them have gone quiet."),
                          "ru": (f"На тех, кто потратил больше всех, приходится {R['list_top_spend']} ценности "
                                 f"следующего года — меньше, чем {R['list_top_clv']} у лучших по CLV: часть из них "
                                 "уже затихла.")},
            "r1": {"en": "Service in proportion to value: the manager's time goes where a lost customer costs most.",
                   "ru": "Сервис соразмерно ценности: время менеджера идёт туда, где потеря клиента обходится "
                         "дороже всего."},
            "r2": {"en": ("A segment is a group with an average: RFM scores are ranks, and the champions' CLV "
                          f"ranges widely, so {E['capacity']} of them hold {E['list_champions']} of the value on "
                          "average."),
                   "ru": ("Сегмент — это группа со средним значением: оценки RFM — это ранги, а CLV чемпионов "
                          f"сильно различается, поэтому на {R['capacity']} из них приходится в среднем "
                          f"{R['list_champions']} ценности.")},
            "r3": {"en": ("The past is not the future: CLV weighs past spending by the chance the customer is still "
                          f"buying; the biggest spenders hold {E['list_top_spend']}."),
                   "ru": ("Прошлое — не будущее: CLV взвешивает прошлые траты вероятностью того, что клиент ещё "
                          f"покупает; на тех, кто потратил больше всех, приходится {R['list_top_spend']}.")},
        },
        feedback={
            "en": "Rank people by their own CLV when you pick people; use segments to describe the base. Keep "
                  "watching the listed customers' P(alive): a drop is the earliest warning.",
            "ru": "Отбирая людей, ранжируйте их по собственному CLV; сегменты нужны, чтобы описать базу. Следите "
                  "за P(alive) клиентов из списка: её падение — самый ранний сигнал.",
        },
        hint={
            "en": "Sum the CLV of each list of 40 in wb.customers and divide by the total CLV.",
            "ru": "Сложите CLV каждого списка из 40 клиентов в wb.customers и разделите на общий CLV.",
        },
        solution={
            "en": ('c = wb.customers\n'
                   'c["clv"].nlargest(40).sum() / c["clv"].sum(), c.nlargest(40, "total_amount")["clv"].sum() / '
                   'c["clv"].sum()\n'
                   '# decision = "top_clv", reason = "r1"'),
            "ru": ('c = wb.customers\n'
                   'c["clv"].nlargest(40).sum() / c["clv"].sum(), c.nlargest(40, "total_amount")["clv"].sum() / '
                   'c["clv"].sum()\n'
                   '# decision = "top_clv", reason = "r1"'),
        },
    ),
]
