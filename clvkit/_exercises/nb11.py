"""Exercises of notebook 11 (your own data: the template run on the shipped example export): two decisions.

11.1: whether the file's numbers can be acted on, from the loader's report and the workbench's trust
check; 11.2: which segment gets a personal manager, from the segments table. The figures are
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
#: 11.2: how many customers a personal manager can look after.
MANAGER_CAPACITY = 60


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
            "kept": len(tx), "trust": wb.trust, "segments": wb.segments}


def _changed_share() -> float:
    data = example()
    return (data["refunds"] + data["duplicates"]) / data["rows"]


def _trust_or_fix() -> tuple[str, str]:
    trust = example()["trust"]
    sound = trust["ok"] and trust["model_error"] <= trust["naive_error"] and _changed_share() < CHANGED_LIMIT
    return ("use", "r1") if sound else ("fix_first", "r3")


def _which_segment() -> tuple[str, str]:
    segments = example()["segments"]
    return str(segments["value_share"].idxmax()), "r1"


def _texts() -> dict:
    from ..i18n import format_percent

    data = example()
    seg, trust = data["segments"], data["trust"]
    out = {}
    for lang in ("en", "ru"):
        out[lang] = {
            "changed": str(data["refunds"] + data["duplicates"]), "rows": str(data["rows"]),
            "share": format_percent(_changed_share(), lang, decimals=1),
            "model": format_percent(trust["model_error"], lang, decimals=0),
            "naive": format_percent(trust["naive_error"], lang, decimals=0),
            "capacity": str(MANAGER_CAPACITY),
        }
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
                         "months better than the naive guess.",
                   "ru": "Загрузчик изменил лишь несколько строк и сказал, какие, а модель спрогнозировала "
                         "отложенные месяцы точнее наивного прогноза."},
            "r2": {"en": "The file loaded without an error, so its numbers are right.",
                   "ru": "Файл загрузился без ошибки, значит, цифры в нём верные."},
            "r3": {"en": "The loader had to change rows, so the export is broken.",
                   "ru": "Загрузчику пришлось менять строки, значит, выгрузка сломана."},
        },
        explain={
            "use": {"en": (f"{E['changed']} of {E['rows']} rows changed ({E['share']}), each explained, and the model "
                           f"was {E['model']} off on the last three months against the naive {E['naive']}."),
                    "ru": (f"Изменены {R['changed']} из {R['rows']} строк ({R['share']}), каждая с объяснением, а "
                           f"модель ошиблась на последних трёх месяцах на {R['model']} против {R['naive']} у "
                           "наивного прогноза.")},
            "fix_first": {"en": (f"Nothing in the report asks for a fix: the {E['changed']} changed rows are a refund "
                                 f"and a double export, handled as the settings say, and the model beat the naive "
                                 f"forecast ({E['model']} against {E['naive']})."),
                          "ru": (f"В отчёте нет ничего, что требует исправления: {R['changed']} изменённые строки — "
                                 "возврат и повторная выгрузка, обработанные так, как велят настройки, а модель "
                                 f"точнее наивного прогноза ({R['model']} против {R['naive']}).")},
            "r1": {"en": "A short, explained report and a model that forecast months it had not seen are what a file "
                         "can show in its favour.",
                   "ru": "Короткий понятный отчёт и модель, которая предсказала месяцы, которых не видела, — вот что "
                         "файл может показать в свою пользу."},
            "r2": {"en": "A load without an error proves the format, not the content: a file missing half its months "
                         "loads too. The report and the trust check say more.",
                   "ru": "Загрузка без ошибки доказывает формат, а не содержание: файл без половины месяцев тоже "
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
                   "wb.trust['model_error'], wb.trust['naive_error']  # the model beat the naive forecast\n"
                   '# decision = "use", reason = "r1"'),
            "ru": ("[str(note.message) for note in report], len(tx)  # вычтен возврат, удалён дубль\n"
                   "wb.trust['model_error'], wb.trust['naive_error']  # модель точнее наивного прогноза\n"
                   '# decision = "use", reason = "r1"'),
        },
    ),
    Exercise(
        key="11.2",
        kind="decision",
        expected=_which_segment,
        options=("champions", "hibernating", "promising"),
        synonyms={"champions": ("чемпионы", "чемпионов"), "hibernating": ("спящие", "спящих"),
                  "promising": ("перспективные", "перспективных")},
        question={
            "en": (f"The company can give about {E['capacity']} customers a personal manager. Using the segments "
                   "table above,\nwhich segment gets them?"),
            "ru": (f"Компания может дать персонального менеджера примерно {R['capacity']} клиентам. Какому сегменту, "
                   "судя\nпо таблице сегментов выше?"),
        },
        prompt={"en": '"champions", "hibernating" or "promising"',
                "ru": '"champions", "hibernating" или "promising" (можно "чемпионы", "спящие", "перспективные")'},
        reasons={
            "r1": {"en": "It holds most of next year's value with a small share of the customers: losing one of them "
                         "costs the most.",
                   "ru": "На него приходится большая часть ценности следующего года при небольшой доле клиентов: "
                         "потеря каждого из них обходится дороже всего."},
            "r2": {"en": "It is the largest segment, so it has the most customers to win back.",
                   "ru": "Это самый большой сегмент, значит, в нём больше всего клиентов, которых можно вернуть."},
            "r3": {"en": "Its customers are the newest, so the future belongs to them.",
                   "ru": "Его клиенты самые новые, значит, будущее за ними."},
        },
        explain={
            "champions": {"en": (f"Champions are {E['champions_n']} customers ({E['champions_c']}) and hold "
                                 f"{E['champions_v']} of next year's value."),
                          "ru": (f"Чемпионов {R['champions_n']} ({R['champions_c']} клиентов), и на них приходится "
                                 f"{R['champions_v']} ценности следующего года.")},
            "hibernating": {"en": (f"Hibernating customers are the most ({E['hibernating_c']}) but hold only "
                                   f"{E['hibernating_v']} of the value: a manager's time there buys little."),
                            "ru": (f"Спящих больше всего ({R['hibernating_c']}), но на них приходится лишь "
                                   f"{R['hibernating_v']} ценности: время менеджера там окупится слабо.")},
            "promising": {"en": (f"Promising customers hold {E['promising_v']} of the value with {E['promising_c']} "
                                 "of the customers: a manager there would protect far less value."),
                          "ru": (f"На перспективных приходится {R['promising_v']} ценности при {R['promising_c']} "
                                 "клиентов: менеджер там сбережёт гораздо меньше ценности.")},
            "r1": {"en": "Service in proportion to value: the manager's time goes where a lost customer costs most.",
                   "ru": "Сервис соразмерно ценности: время менеджера идёт туда, где потеря клиента обходится "
                         "дороже всего."},
            "r2": {"en": (f"Headcount is not value: hibernating customers are {E['hibernating_c']} of the base and "
                          f"{E['hibernating_v']} of its value."),
                   "ru": (f"Численность — не ценность: спящие — это {R['hibernating_c']} базы и {R['hibernating_v']} "
                          "её ценности.")},
            "r3": {"en": (f"New is not the same as valuable: promising customers hold {E['promising_v']} of the "
                          "value."),
                   "ru": f"Новые — не значит ценные: на перспективных приходится {R['promising_v']} ценности."},
        },
        feedback={
            "en": "Keep watching the champions' P(alive): a drop there is the earliest warning about the value that "
                  "matters most.",
            "ru": "Следите за P(alive) чемпионов: её падение — самый ранний сигнал о ценности, которая важнее всего.",
        },
        hint={
            "en": "Compare each segment's share of customers with its share of value (value_share).",
            "ru": "Сравните долю клиентов каждого сегмента с его долей ценности (value_share).",
        },
        solution={
            "en": ('wb.segments["value_share"].idxmax()  # the segment holding most of the value\n'
                   '# decision = "champions", reason = "r1"'),
            "ru": ('wb.segments["value_share"].idxmax()  # сегмент с наибольшей долей ценности\n'
                   '# decision = "champions", reason = "r1"'),
        },
    ),
]
