# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] lang="en"
# This notebook is a **template for your own customers**. Set the path of your order export and its
# column names in the first cell, run everything, and you get every customer's CLV, segments, a
# retention list and an upsell list in one Excel file. It runs as it stands on `example_orders.csv`, a
# small **synthetic** export shipped with clvkit (250 customers of a shop, made by
# `datasets/make_example_orders.py`): semicolons between fields, decimal commas, day.month.year dates,
# one refund and one order exported twice.
#
# **You will learn**
#
# - to load your own export and read what the loader changed;
# - to decide whether the file's numbers can be trusted;
# - to value, segment and export your customers with the workbench.

# %% [markdown] lang="ru" en_hash="aeef2955"
# Этот блокнот — **шаблон для ваших клиентов**. Укажите в первой ячейке путь к выгрузке заказов и
# названия её столбцов, запустите всё — и получите CLV каждого клиента, сегменты, список на удержание и
# список для апсейла в одном файле Excel. Без изменений он работает на `example_orders.csv` — небольшой
# **синтетической** выгрузке, которая идёт вместе с clvkit (250 клиентов магазина, её создаёт
# `datasets/make_example_orders.py`): точка с запятой между полями, десятичная запятая, даты вида
# день.месяц.год, один возврат и один заказ, выгруженный дважды.
#
# **Вы научитесь**
#
# - загружать свою выгрузку и читать, что изменил загрузчик;
# - решать, можно ли доверять цифрам файла;
# - оценивать, сегментировать и выгружать клиентов с помощью рабочего места (workbench).

# %%
import warnings
import pandas as pd
import clvkit as ck
from clvkit import teach
from clvkit.i18n import format_number, format_percent
from clvkit.workbench import Settings, Workbench

ck.set_language(tr(en="en", ru="ru"))
lang, currency = ck.get_language(), tr(en="USD", ru="RUB")  # the Russian track counts in roubles
ck.set_currency(currency)
PATH = ck.datasets.dataset_path("example_orders.csv")  # your file, e.g. Path("C:/exports/orders.csv")
COLUMNS = dict(customer_col="client", date_col="order_date", amount_col="total")  # your column names
FORMATS = dict(date_format="%d.%m.%Y", decimal=",")  # e.g. "%Y-%m-%d" and "."; None lets clvkit guess
SETTINGS = Settings(margin=0.30, horizon_months=12, annual_discount_rate=0.10, currency=currency)
IN_DOLLARS = True  # the example is in US dollars; False for a file in your own currency

# %% [markdown] lang="en"
# ## 1 · The raw file
#
# A few rows exactly as they are in the file: everything is text for now ("15,88" is not yet a
# number).

# %% [markdown] lang="ru" en_hash="fcd49b12"
# ## 1 · Сырой файл
#
# Несколько строк ровно в том виде, в каком они лежат в файле: пока всё — текст («15,88» ещё не
# число).

# %% tags=["raw-data"]
pd.read_csv(PATH, sep=None, engine="python", dtype=str, nrows=5)  # an Excel file: pd.read_excel(PATH, nrows=5)

# %% [markdown] lang="en"
# ## 2 · Load, and read the loader's report
#
# `ck.load_transactions` checks every row. A problem stops it with one sentence naming the column, the
# rows and the argument to change. Refunds are netted against the customer's latest earlier order
# (`on_negative="net"`) and rows repeating another row exactly are dropped (`on_duplicate="drop"`);
# whatever it changes, it reports, and we print the report.

# %% [markdown] lang="ru" en_hash="d1fbce86"
# ## 2 · Загрузка и отчёт загрузчика
#
# `ck.load_transactions` проверяет каждую строку. Найдя проблему, он останавливается и описывает её
# одним предложением: столбец, строки и аргумент, который нужно поменять. Возвраты вычитаются из ближайшего
# предыдущего заказа клиента (`on_negative="net"`), строки, в точности повторяющие другую, удаляются
# (`on_duplicate="drop"`); обо всём, что он меняет, загрузчик сообщает, и мы печатаем его отчёт.

# %%
with warnings.catch_warnings(record=True) as report:
    warnings.simplefilter("always")
    tx = ck.load_transactions(PATH, **COLUMNS, **FORMATS, on_negative="net", on_duplicate="drop")
if IN_DOLLARS:  # shown in the track's currency at the course's rate (100 ₽ a dollar)
    tx = ck.datasets.in_currency(tx, currency)
for note in report:
    print("•", note.message)
print(tr(en="Orders kept:", ru="Заказов осталось:"), len(tx), "|", tr(en="customers:", ru="клиентов:"),
      tx["customer_id"].nunique())

# %% [markdown] lang="en"
# ## 3 · Value and segment with the workbench
#
# The workbench (the first tab of the app) takes the clean log, fits BG/NBD and Gamma-Gamma, values
# every customer over the horizon and segments them. It also runs a **trust check**: it fits the model
# again without the last three months, forecasts them, and compares the error with a naive forecast
# (every customer keeps their own pace): in total, and customer by customer (the mean absolute error, in
# purchases), which is what a list of customers relies on. **Customer equity** is the sum of every
# customer's CLV: what the whole base is worth over the horizon.

# %% [markdown] lang="ru" en_hash="72cb47ff"
# ## 3 · Оценка и сегменты в рабочем месте
#
# Рабочее место (первая вкладка приложения) берёт чистый журнал, обучает BG/NBD и Gamma-Gamma,
# оценивает каждого клиента на горизонте и делит клиентов на сегменты. Заодно оно **проверяет модель**:
# обучает её ещё раз без последних трёх месяцев, прогнозирует их и сравнивает ошибку с наивным
# прогнозом (каждый покупает в прежнем темпе): в сумме и по каждому клиенту (средняя абсолютная ошибка в
# покупках) — от второй зависит любой список клиентов. **Клиентский капитал** (в отчёте — «ценность
# базы») — сумма CLV всех клиентов: сколько стоит вся база на горизонте.

# %%
wb = Workbench(lang=lang, settings=SETTINGS)
wb.upload(tx.to_csv(index=False).encode("utf-8"), "orders.csv")  # the workbench reads a file: the clean log
wb.compute(customer_col="customer_id", date_col="date", amount_col="amount")
print(wb.trust_sentence())
mae = wb.trust["errors"]["mae"].map(lambda x: format_number(x, lang, decimals=2))  # "own" is the naive one
print(tr(en="Per customer, mean absolute error: model {m} purchases, naive {n}.",
         ru="По каждому клиенту, средняя абсолютная ошибка: модель — {m} покупки, наивный прогноз — {n}.").format(
    m=mae["model"], n=mae["own"]))
for label, value in wb.headline_sentences():
    print(f"{label}: {value}")
ax = ck.plots.plot_segment_map(wb.segments, lang=lang)
shares = {c: wb.segments[c].map(lambda x: format_percent(x, lang, decimals=1)) for c in ("customer_share", "value_share")}
ck.format_table(wb.segments[["customers"]].assign(**shares), lang=lang)

# %% [markdown] exercise="11.1"
# *Exercise 11.1: the question and the answer cell are written from clvkit/_exercises/nb11.py.*

# %% exercise="11.1"
# the answer cell of exercise 11.1 is written from clvkit/_exercises/nb11.py

# %% [markdown] exercise="11.2"
# *Exercise 11.2: the question and the answer cell are written from clvkit/_exercises/nb11.py.*

# %% exercise="11.2"
# the answer cell of exercise 11.2 is written from clvkit/_exercises/nb11.py

# %% [markdown] lang="en"
# ## 4 · Export
#
# One Excel file holds every customer, the segments, the retention and upsell lists and a settings
# sheet that says how every number was made. Here it goes to a temporary folder; for real, set a
# folder of yours.

# %% [markdown] lang="ru" en_hash="6febec02"
# ## 4 · Выгрузка
#
# В одном файле Excel — все клиенты, сегменты, списки на удержание и для апсейла и лист настроек, где
# сказано, как получено каждое число. Здесь файл пишется во временную папку; в работе укажите свою.

# %%
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    book = Path(tmp) / "clv_results.xlsx"  # for real: Path("C:/clv_results/clv_results.xlsx")
    book.write_bytes(wb.workbook_bytes())
    print("✓", book.name, "—", ", ".join(pd.ExcelFile(book).sheet_names))

# %% [markdown] lang="en"
# ## Key takeaways
#
# - One settings cell: path, column names, date format and decimal mark, margin, horizon and discount
#   rate (agree the last three with finance).
# - Read the loader's report and the trust check before you trust the numbers.
# - Service follows value; a win-back on the retention list may cost at most the value at risk times the
#   share of customers it brings back (measure that share on a control group).
# - Re-run the template on a fresh export every quarter and compare.

# %% [markdown] lang="ru" en_hash="a28d1411"
# ## Главное
#
# - Одна ячейка настроек: путь, названия столбцов, формат даты и десятичный разделитель, маржа,
#   горизонт и ставка (последние три согласуйте с финансовым отделом).
# - Прежде чем доверять цифрам, прочитайте отчёт загрузчика и результат проверки модели.
# - Сервис — соразмерно ценности; возврат клиента из списка на удержание может стоить не больше
#   ценности под угрозой, умноженной на долю клиентов, которых кампания возвращает (эту долю измерьте на
#   контрольной группе).
# - Пересчитывайте шаблон на свежей выгрузке каждый квартал и сравнивайте.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. The loader refuses dates that read two ways. Why is that better than a guess?
# 2. Which settings would you ask your finance team for, and why each one?
# 3. What would you do if the trust check said the naive forecast did better than the model?
# 4. How would you turn the retention and upsell sheets into actions next week, and what would you
#    measure to know they worked?
# 5. Which one number from this notebook would you show your manager, and with which caveat?

# %% [markdown] lang="ru" en_hash="6608b476"
# ## Вопросы для самопроверки
#
# 1. Загрузчик отказывается читать даты, которые читаются двумя способами. Почему это лучше, чем
#    угадать?
# 2. Какие настройки вы запросите у финансового отдела и зачем каждая?
# 3. Что вы сделаете, если проверка покажет, что наивный прогноз точнее модели?
# 4. Как вы превратите листы удержания и апсейла в действия на следующей неделе и что измерите, чтобы
#    понять, сработали ли они?
# 5. Какую одну цифру из этого блокнота вы покажете руководителю и с какой оговоркой?
