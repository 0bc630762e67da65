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
# Everything so far ran on shipped datasets. This notebook is a **template for your own customers**: set
# the path of your order export and its column names in one cell, run the notebook from top to bottom,
# and you get every customer's CLV, segments, a retention list and an upsell list, saved as CSV and
# Excel files. Along the way we say what CLV does for **retention** and for **business development**,
# and end with a checklist for putting it to work.
#
# **You will learn**
#
# - why CLV is the yardstick for retention and for growing the business;
# - to load your own export: column names, date formats, decimal commas, refunds and duplicates;
# - to read clvkit's error messages and fix the file or the settings;
# - to summarise, fit, value and segment your customers, and export the lists;
# - what to do with the numbers on Monday morning.

# %% [markdown] lang="ru" en_hash="17b9efe2"
# До сих пор всё работало на встроенных наборах данных. Этот блокнот — **шаблон для ваших клиентов**:
# укажите в одной ячейке путь к выгрузке заказов и названия столбцов, запустите блокнот сверху вниз —
# и получите CLV каждого клиента, сегменты, список на удержание и список для апсейла, сохранённые в CSV
# и Excel. По ходу разберём, что CLV даёт **удержанию** и **развитию бизнеса**, а в конце — чек-лист,
# как пустить расчёт в работу.
#
# **Вы научитесь**
#
# - объяснять, почему CLV — мерило и для удержания, и для роста бизнеса;
# - загружать свою выгрузку: названия столбцов, форматы дат, десятичные запятые, возвраты и дубли;
# - читать сообщения об ошибках clvkit и исправлять файл или настройки;
# - сводить, обучать модели, оценивать и сегментировать клиентов, выгружать списки;
# - понимать, что делать с этими числами в понедельник утром.

# %% [markdown] lang="en"
# ## CLV in retention and business development
#
# **Retention.** Keeping a customer is worth what that customer would bring if they stay. CLV turns
# "reduce churn" into concrete choices: *whom* to keep (valuable customers whose probability of being
# alive is falling), *how much* a save may cost (at most what it saves: the value at risk, times the
# share of lapsed customers the offer brings back), and *which* program pays
# (notebook 09). Without CLV, retention budgets go to the loudest customers or to everyone equally.
#
# **Business development.** Growth comes from new customers, from existing customers buying more, and
# from keeping them longer. CLV prices all three in the same currency: the most a new customer may cost
# per channel (notebook 02), the value an upsell or a new product line adds, and customer equity, the
# value of the whole base, as the number to grow quarter after quarter. Gupta, Lehmann & Stuart (2004)
# showed that customer equity tracks what a company is worth.

# %% [markdown] lang="ru" en_hash="91a9159b"
# ## Значение CLV для удержания и развития бизнеса
#
# **Удержание.** Сохранить клиента стоит ровно столько, сколько он принесёт, если останется. CLV
# превращает лозунг «снизить отток» в конкретные решения: *кого* удерживать (ценных клиентов, у
# которых падает вероятность остаться активными), *сколько* можно потратить на удержание (не больше,
# чем оно сохранит: ценность под угрозой, умноженная на долю ушедших клиентов, которых предложение
# возвращает) и *какая* программа окупится (блокнот 09). Без CLV бюджет удержания уходит
# тем, кто громче жалуется, или всем поровну.
#
# **Развитие бизнеса.** Рост складывается из новых клиентов, из того, что текущие покупают больше, и из
# того, что они дольше остаются. CLV измеряет все три источника в одной валюте: сколько максимум можно
# платить за нового клиента в каждом канале (блокнот 02), сколько добавляет апсейл или новая линейка
# товаров, и ценность клиентской базы (customer equity) как число, которое нужно растить из квартала
# в квартал. Gupta, Lehmann & Stuart (2004) показали, что ценность клиентской базы отражает стоимость
# самой компании.

# %%
import tempfile
import warnings
from pathlib import Path

import pandas as pd

import clvkit as ck
from clvkit import teach
from clvkit.models import BGNBD, GammaGamma
from clvkit.i18n import format_money, format_number, format_percent

ck.set_language(tr(en="en", ru="ru"))
currency = tr(en="USD", ru="RUB")  # the Russian track shows the dollar data in roubles at the course rate
ck.set_currency(currency)
lang = ck.get_language()

# %% [markdown] lang="en"
# ## 1 · Your settings (the only cell to change)
#
# Point `PATH` at your export (CSV, Excel or Parquet, one row per order) and give the names of its
# columns. By default it points to `example_orders.csv`, a small **synthetic** export shipped with
# clvkit (generated by `datasets/make_example_orders.py` with `clvkit.simulate`): 250 customers of a
# shop, in the format many European and Russian systems export — semicolons between fields, decimal
# commas, day.month.year dates — with one refund and one order exported twice.

# %% [markdown] lang="ru" en_hash="ba7aaa83"
# ## 1 · Ваши настройки (единственная ячейка, которую нужно менять)
#
# Укажите в `PATH` свою выгрузку (CSV, Excel или Parquet, одна строка — один заказ) и названия её
# столбцов. По умолчанию здесь `example_orders.csv` — небольшая **синтетическая** выгрузка, которая
# идёт вместе с clvkit (её создаёт `datasets/make_example_orders.py` с помощью `clvkit.simulate`):
# 250 клиентов магазина в формате, в котором выгружают многие российские и европейские системы, —
# точка с запятой между полями, десятичная запятая, даты вида день.месяц.год, — с одним возвратом и
# одним заказом, выгруженным дважды. Суммы в примере записаны в долларах; после загрузки они
# пересчитываются в рубли по условному курсу 100 ₽ за доллар (`IN_DOLLARS = True`). Для своего файла
# в рублях поставьте `IN_DOLLARS = False`.

# %%
PATH = ck.datasets.dataset_path("example_orders.csv")  # your file, e.g. Path("C:/exports/orders.csv")
CUSTOMER_COL, DATE_COL, AMOUNT_COL = "client", "order_date", "total"
EXTRA_COLS = ["sales_channel"]      # other columns to keep (channel, region, ...), or []
DATE_FORMAT = "%d.%m.%Y"            # e.g. "%Y-%m-%d" or "%m/%d/%Y"; None lets clvkit guess
DECIMAL = ","                       # "." or ","; None lets clvkit guess
OBSERVATION_END = "2024-12-31"      # the last day your export covers
MARGIN = 0.30                       # share of revenue you keep as gross margin
HORIZON, ANNUAL_DISCOUNT_RATE = "12 months", 0.10
IN_DOLLARS = True                   # the example's amounts are in US dollars; False for a file in your currency

# %% [markdown] lang="en"
# ## 2 · Look at the raw file
#
# Before any analysis, look at a few rows exactly as they are in the file (`sep=None` lets pandas find
# the delimiter). Everything is text for now: "15,88" is not yet a number, "06.01.2023" not yet a date.

# %% [markdown] lang="ru" en_hash="337ac6dc"
# ## 2 · Посмотрите на сырой файл
#
# Перед любым анализом посмотрите на несколько строк ровно в том виде, в каком они лежат в файле
# (`sep=None` — pandas сам найдёт разделитель). Пока всё — текст: «15,88» ещё не число, «06.01.2023»
# ещё не дата.

# %% tags=["raw-data"]
raw = pd.read_csv(PATH, sep=None, engine="python", dtype=str, nrows=5)
raw

# %% [markdown] lang="en"
# ## 3 · Load and validate
#
# `ck.load_transactions` reads the file, checks every row and returns a clean log with the columns
# `customer_id`, `date` and `amount`. When something is wrong it stops with **one sentence** that says
# what, where and how to fix it. Two typical first attempts, and what clvkit answers. First, forgetting
# that your columns have their own names (the defaults are `customer_id`, `date`, `amount`):

# %% [markdown] lang="ru" en_hash="bd49ee54"
# ## 3 · Загрузка и проверка
#
# `ck.load_transactions` читает файл, проверяет каждую строку и возвращает чистый журнал со столбцами
# `customer_id`, `date` и `amount`. Если что-то не так, он останавливается с **одним предложением**:
# что не так, где и как исправить. Вот две типичные первые попытки и ответы clvkit. Сначала забудем, что
# у столбцов свои названия (по умолчанию ожидаются `customer_id`, `date`, `amount`):

# %%
try:
    ck.load_transactions(raw)
except ck.ClvDataError as err:
    print(err)

# %% [markdown] lang="en"
# The message lists the columns the table does have, so the fix is obvious: pass `customer_col=`,
# `date_col=` and `amount_col=`. Second, a date format that does not match the file:

# %% [markdown] lang="ru" en_hash="3be9f99a"
# Сообщение перечисляет столбцы, которые в таблице есть, так что исправление очевидно: передать
# `customer_col=`, `date_col=` и `amount_col=`. Теперь — формат даты, который не совпадает с файлом:

# %%
try:
    ck.load_transactions(PATH, customer_col=CUSTOMER_COL, date_col=DATE_COL, amount_col=AMOUNT_COL,
                         date_format="%Y-%m-%d")
except ck.ClvDataError as err:
    print(err)

# %% [markdown] lang="en"
# It names the column, how many rows fail, the first of them with their line numbers in the file, and
# the argument to change. When the error message points at a few rows only, open the file at those lines:
# the fault is usually in the data, not in the settings.

# %% [markdown] lang="ru" en_hash="39529b90"
# Оно называет столбец, сколько строк не подходит, первые из них с номерами строк в файле и аргумент,
# который нужно поменять. Если сообщение указывает лишь на несколько строк, откройте файл в этих
# местах: обычно ошибка в данных, а не в настройках.

# %% [markdown] exercise="11.1"
# *Exercise 11.1: the question and the answer cell are written from clvkit/_exercises/nb11.py.*

# %% tags=["about-currencies"]
try:
    ck.load_transactions(PATH, customer_col="client", date_col="order_date", amount_col="sales_channel",
                         date_format=DATE_FORMAT)
except ck.ClvDataError as err:
    print(err)

# %% exercise="11.1"
# the answer cell of exercise 11.1 is written from clvkit/_exercises/nb11.py

# %% [markdown] lang="en"
# Now the real load. Two policies decide what happens to rows that are not plain orders:
#
# - `on_negative` — refunds (negative amounts): `"net"` subtracts each refund from the same customer's
#   latest earlier order (the order it most likely returns), `"drop"` ignores refunds, `"raise"` stops;
# - `on_duplicate` — rows that repeat another row exactly: `"drop"` keeps one (right when your system
#   exports some orders twice), `"keep"` keeps both (right when two identical orders on a day are real).
#
# Whatever the loader changes it reports as a warning; we catch the warnings and print them, so you see
# exactly what was done to your data.

# %% [markdown] lang="ru" en_hash="88addf62"
# Теперь настоящая загрузка. Две политики решают, что делать со строками, которые не являются обычными
# заказами:
#
# - `on_negative` — возвраты (отрицательные суммы): `"net"` вычитает возврат из последнего более
#   раннего заказа того же клиента (скорее всего, возвращают именно его), `"drop"` игнорирует возвраты,
#   `"raise"` останавливает загрузку;
# - `on_duplicate` — строки, полностью повторяющие другую строку: `"drop"` оставляет одну (верно, если
#   система иногда выгружает заказ дважды), `"keep"` оставляет обе (верно, если два одинаковых заказа
#   за день — реальность).
#
# Всё, что загрузчик меняет, он сообщает предупреждением; мы перехватываем предупреждения и печатаем
# их, чтобы было видно, что именно сделано с вашими данными.

# %%
with warnings.catch_warnings(record=True) as notes:
    warnings.simplefilter("always")
    tx = ck.load_transactions(PATH, customer_col=CUSTOMER_COL, date_col=DATE_COL, amount_col=AMOUNT_COL,
                              keep=EXTRA_COLS, date_format=DATE_FORMAT, decimal=DECIMAL,
                              on_negative="net", on_duplicate="drop")
if IN_DOLLARS:  # shown in the track's currency at the course's rate (100 ₽ a dollar)
    tx = ck.datasets.in_currency(tx, currency)
for note in notes:
    print("•", note.message)
print(tr(en="Orders:",
         ru="Заказов:"), format_number(len(tx), lang, decimals=0), "|", tr(en="customers:",
                                                                           ru="клиентов:"),
      format_number(tx["customer_id"].nunique(), lang, decimals=0), "|",
      ck.i18n.format_date(tx["date"].min(), lang), "–", ck.i18n.format_date(tx["date"].max(), lang))
ck.format_table(tx.head(), lang=lang)

# %% [markdown] lang="en"
# One more check before modelling: revenue by month. A month with nothing in it, or a sudden jump,
# usually means a broken export rather than a change in customers.

# %% [markdown] lang="ru" en_hash="721cfe27"
# Ещё одна проверка перед моделью — выручка по месяцам. Пустой месяц или резкий скачок обычно
# означает сломанную выгрузку, а не перемену в поведении клиентов.

# %%
monthly = tx.groupby(tx["date"].dt.strftime("%Y-%m"))["amount"].sum()
ax = monthly.plot.bar(title=tr(en="Revenue by month",
                               ru="Выручка по месяцам"), xlabel=tr(en="month",
                                                                   ru="месяц"), ylabel=tr(en="revenue",
                                                                                          ru="выручка"), color="#0072B2")

# %% [markdown] lang="en"
# Revenue grows through 2023 while the shop acquires customers, then settles lower in 2024, when no new
# ones arrive and some of the old ones drift away: what you would expect from this base, and no holes.
#
# ## 4 · Summarise
#
# One row per customer: repeat purchases (`frequency`), weeks from the first to the last purchase
# (`recency`), weeks from the first purchase to the end of the export (`T`) and the mean value of repeat
# orders (`monetary_value`).

# %% [markdown] lang="ru" en_hash="81c5118e"
# Выручка растёт в течение 2023 года, пока магазин привлекает клиентов, а в 2024-м держится ниже: новые
# клиенты не приходят, часть старых постепенно уходит. Для этой базы так и должно быть, и пропусков нет.
#
# ## 4 · Сводка
#
# Одна строка на клиента: повторные покупки (`frequency`), недели от первой до последней покупки
# (`recency`), недели от первой покупки до конца выгрузки (`T`) и средняя сумма повторных заказов
# (`monetary_value`).

# %%
summary = ck.summarize(tx, observation_end=OBSERVATION_END, time_unit="W")
print(tr(en="One-time buyers so far:",
         ru="Пока купили только один раз:"), format_percent((summary["frequency"] == 0).mean(), lang))
ck.format_table(summary[["frequency", "recency", "T", "monetary_value"]].describe().round(2), lang=lang)

# %% [markdown] lang="en"
# ## 5 · Fit
#
# BG/NBD for the purchases and Gamma-Gamma for the order values, as in notebook 06. Check the fit before
# you trust it (notebook 07 shows how, with a calibration and a holdout period); here we look at the
# estimates and their standard errors: with a small file they are wide.

# %% [markdown] lang="ru" en_hash="c65986f4"
# ## 5 · Обучение моделей
#
# BG/NBD для покупок и Gamma-Gamma для сумм заказов, как в блокноте 06. Прежде чем доверять модели,
# проверьте её (блокнот 07 показывает как — с периодом калибровки и отложенным периодом); здесь смотрим
# на оценки и их стандартные ошибки: на маленьком файле они широкие.

# %%
bgnbd, gg = BGNBD().fit(summary), GammaGamma().fit(summary)
table = pd.concat([bgnbd.summary(), gg.summary()])
bounds = ["se", "ci_low", "ci_high"]  # standard errors and 95% bounds to 2 significant digits
ck.format_table(table.round(3).assign(**{c: table[c].map(lambda x: "{:g}".format(float(f"{x:.2g}"))) for c in bounds}),
                lang=lang)

# %% [markdown] lang="en"
# ## 6 · Value
#
# Each customer's discounted margin over the next 12 months, and the probability that they are still a
# customer (`p_alive`). We collect everything about a customer in one table, `customers`.

# %% [markdown] lang="ru" en_hash="b72a13d8"
# ## 6 · Оценка клиентов
#
# Дисконтированная маржа каждого клиента за следующие 12 месяцев и вероятность того, что он всё ещё
# наш клиент (`p_alive`). Всё о клиенте собираем в одну таблицу `customers`.

# %%
value = ck.customer_lifetime_value(bgnbd, gg, summary, horizon=HORIZON,
                                   annual_discount_rate=ANNUAL_DISCOUNT_RATE, margin=MARGIN)
extra = tx.groupby("customer_id")[EXTRA_COLS].first()
customers = summary.join(extra).assign(clv=value["clv"], p_alive=bgnbd.probability_alive(summary))
print(tr(en="Share of future value held by the top 20% of customers:",
         ru="Доля будущей ценности у лучших 20% клиентов:"), format_percent(ck.segments.top_share(customers["clv"], top=0.2), lang))
ax = ck.plots.plot_lorenz(customers["clv"], lang=lang)

# %% [markdown] exercise="11.2"
# *Exercise 11.2: the question and the answer cell are written from clvkit/_exercises/nb11.py.*

# %%
teach.hint("11.2", lang=lang)

# %% exercise="11.2"
# the answer cell of exercise 11.2 is written from clvkit/_exercises/nb11.py

# %% [markdown] lang="en"
# ## 7 · Segment
#
# RFM segments say *how* customers behave (champions, loyal, at risk, ...), CLV tiers say *how much*
# they are worth. The map puts each segment's share of customers against its share of value: segments
# above the diagonal are worth more than their headcount.

# %% [markdown] lang="ru" en_hash="262f454c"
# ## 7 · Сегменты
#
# RFM-сегменты показывают, *как* ведут себя клиенты (чемпионы, лояльные, под угрозой ухода, …), уровни
# CLV — *сколько* они стоят. Карта сопоставляет долю клиентов сегмента с его долей ценности: сегменты
# выше диагонали стоят больше, чем можно судить по их численности.

# %%
customers["segment"] = ck.segments.rfm_segments(customers)["segment"]
customers["tier"] = ck.segments.clv_tiers(customers["clv"])
segments = ck.segments.segment_summary(customers, value="clv")
ax = ck.plots.plot_segment_map(segments, lang=lang)

# %% [markdown] lang="en"
# Two working lists come straight out of the table. The **retention list**: customers in the top 20% by
# value whose P(alive) has fallen to 70% or less, sorted by the value at risk, CLV / P(alive) × (1 −
# P(alive)): what the customer is worth if brought back, less the CLV, which already counts the chance
# that they stay (notebook 08). The **upsell list**:
# frequent buyers with small baskets.

# %% [markdown] lang="ru" en_hash="cbd7eb47"
# Из таблицы сразу получаются два рабочих списка. **Список на удержание**: клиенты из лучших 20% по
# ценности, у которых P(alive) упала до 70% и ниже, по убыванию ценности под угрозой, CLV / P(alive) ×
# (1 − P(alive)): ценность клиента, если его вернуть, минус CLV, который уже учитывает шанс, что клиент
# останется (блокнот 08). **Список для
# апсейла**: частые покупатели с небольшим чеком.

# %%
retention_list = ck.segments.retention_targets(customers)
upsell_list = ck.segments.upsell_targets(customers)
print(tr(en="Customers on the retention list:",
         ru="Клиентов в списке на удержание:"), len(retention_list), "|", tr(en="on the upsell list:",
                                                                             ru="в списке для апсейла:"), len(upsell_list))
ck.format_table(retention_list[["frequency", "monetary_value", "clv", "p_alive", "value_at_risk", "segment"]].head().round(
    2).round({"clv": 0, "value_at_risk": 0}).astype({"clv": int, "value_at_risk": int}), lang=lang)

# %% [markdown] exercise="11.3"
# *Exercise 11.3: the question and the answer cell are written from clvkit/_exercises/nb11.py.*

# %% exercise="11.3"
# the answer cell of exercise 11.3 is written from clvkit/_exercises/nb11.py

# %% [markdown] lang="en"
# ## 8 · Value by channel: where to grow
#
# If your export carries a channel (or region, or first product), the same table shows where the
# valuable customers come from: the starting point for acquisition budgets and CAC ceilings
# (notebook 02).

# %% [markdown] lang="ru" en_hash="5d4e5184"
# ## 8 · Ценность по каналам: где расти
#
# Если в выгрузке есть канал (или регион, или первый купленный товар), та же таблица показывает, откуда
# приходят ценные клиенты: отправная точка для бюджетов привлечения и потолков CAC (блокнот 02).

# %%
by_channel = ck.acquisition.ltv_by_group(customers, by="sales_channel", value="clv")
by_channel["max_cac"] = ck.formulas.max_acquisition_cost(by_channel["ltv"])
ck.format_table(by_channel.round({"ltv": 2, "total_value": 0, "max_cac": 2}).astype({"total_value": int}), lang=lang)

# %% [markdown] lang="en"
# `ltv` is the mean value of a current customer over the next year, and `max_cac` a third of it: a
# first, conservative ceiling for what a similar new customer may cost (new customers also bring their
# first order, so the ceiling from `new_customer_value`, as in notebook 10, is higher).
#
# ## 9 · Export
#
# The results go where the work happens: the CRM, a spreadsheet, a mailing tool. `to_csv` and `to_excel`
# write them; use `sep=";"` and `decimal=","` if your spreadsheet expects commas. Here we write into a
# temporary folder that disappears afterwards; for real, set `folder` to a path of yours.

# %% [markdown] lang="ru" en_hash="55ad5841"
# `ltv` — средняя ценность текущего клиента за следующий год, `max_cac` — треть от неё: первый,
# осторожный потолок стоимости похожего нового клиента (новый клиент приносит ещё и первый заказ,
# поэтому потолок по `new_customer_value`, как в блокноте 10, выше).
#
# ## 9 · Выгрузка
#
# Результаты нужны там, где идёт работа: в CRM, в таблице, в сервисе рассылок. Их записывают `to_csv` и
# `to_excel`; если ваши таблицы ждут десятичной запятой, укажите `sep=";"` и `decimal=","`. Здесь мы пишем во
# временную папку, которая потом исчезает; в реальной работе укажите в `folder` свой путь.

# %%
with tempfile.TemporaryDirectory() as tmp:
    folder = Path(tmp)  # for real: folder = Path("C:/clv_results")
    customers.to_csv(folder / "customers_clv.csv", sep=";", decimal=",")
    retention_list.to_csv(folder / "retention_list.csv", sep=";", decimal=",")
    upsell_list.to_csv(folder / "upsell_list.csv", sep=";", decimal=",")
    try:
        with pd.ExcelWriter(folder / "clv_results.xlsx") as book:
            customers.to_excel(book, sheet_name="customers")
            segments.to_excel(book, sheet_name="segments")
    except ImportError:
        print(tr(en="Excel export needs openpyxl: pip install openpyxl",
                 ru="Для выгрузки в Excel нужен openpyxl: pip install openpyxl"))
    for file in sorted(folder.iterdir()):
        print("✓", file.name)

# %% [markdown] lang="en"
# ## 10 · Checklist: putting CLV to work
#
# **Retention**
#
# - [ ] Refresh the retention list every week or month; hand it to the team that calls or e-mails.
# - [ ] Cap the cost per contacted customer at the value at risk times the share of lapsed customers
#   the offer brings back (measure that share on a control group): a win-back adds the value at risk
#   only for those it actually brings back. Spend nothing on customers who are likely gone and were
#   never valuable.
# - [ ] Test every retention offer against a random control group, and price it with the churn lever
#   (notebook 09) before rolling it out.
# - [ ] Watch P(alive) of the top tier: a drop is an early warning, long before the customer is "lost".
#
# **Business development**
#
# - [ ] Report customer equity (total CLV) next to revenue every quarter; growth in equity is growth in
#   the business's future.
# - [ ] Set a CAC ceiling per channel from the value of its new customers; move budget to where the
#   *next* customer returns the most (the marginal LTV:CAC of the budget split, not only the best
#   average; notebooks 02 and 10).
# - [ ] Send the upsell list to sales; judge bundles and new products by the order value they add.
# - [ ] Segment by value, not only by behaviour: service, discounts and attention in proportion.
#
# **Keeping the numbers honest**
#
# - [ ] Re-run this notebook on a fresh export every quarter; compare the estimates with last time.
# - [ ] Validate on a holdout period before the first use (notebook 07).
# - [ ] Write down the margin, discount rate and horizon you used, and agree them with finance.

# %% [markdown] lang="ru" en_hash="e3c711a7"
# ## 10 · Чек-лист: как пустить CLV в работу
#
# **Удержание**
#
# - [ ] Обновляйте список на удержание каждую неделю или месяц и передавайте его команде, которая звонит
#   или пишет клиентам.
# - [ ] Ограничьте затраты на одного охваченного клиента его ценностью под угрозой, умноженной на долю
#   ушедших клиентов, которых предложение возвращает (эту долю измерьте на контрольной группе):
#   кампания добавляет ценность под угрозой только тем, кого действительно вернула. Не тратьте ничего
#   на тех, кто, скорее всего, уже ушёл и никогда не был ценным.
# - [ ] Проверяйте каждое удерживающее предложение на случайной контрольной группе и оценивайте его
#   через рычаг оттока (блокнот 09) до запуска на всех.
# - [ ] Следите за P(alive) лучшего уровня клиентов: падение — ранний сигнал задолго до того, как клиент
#   «потерян».
#
# **Развитие бизнеса**
#
# - [ ] Показывайте ценность клиентской базы (суммарный CLV) рядом с выручкой каждый квартал: рост
#   ценности базы — это рост будущего бизнеса.
# - [ ] Задайте потолок CAC для каждого канала по ценности его новых клиентов; переводите бюджет туда,
#   где *следующий* клиент приносит больше всего (предельное LTV:CAC из распределения бюджета, а не
#   только лучшее среднее; блокноты 02 и 10).
# - [ ] Передайте список для апсейла и кросс-селла продажам; оценивайте наборы и новые товары по
#   приросту среднего чека.
# - [ ] Сегментируйте по ценности, а не только по поведению: сервис, скидки и внимание — соразмерно ценности.
#
# **Чтобы числам можно было верить**
#
# - [ ] Пересчитывайте блокнот на свежей выгрузке каждый квартал и сравнивайте оценки с предыдущими.
# - [ ] Перед первым использованием проверьте модель на отложенном периоде (блокнот 07).
# - [ ] Запишите маржу, ставку дисконтирования и горизонт, которые вы использовали, и согласуйте их
#   с финансовым отделом.

# %% [markdown] lang="en"
# ## Key takeaways
#
# - CLV is the common yardstick for retention (whom to keep, what a save may cost) and for business
#   development (what a new customer may cost, which channels and products to grow).
# - The template needs one cell of settings: the path, the column names, the date format and decimal
#   mark, the margin, horizon and discount rate.
# - clvkit's loader explains every problem in one sentence and reports every change it makes (refunds
#   netted, duplicates dropped); read both before you trust the numbers.
# - Load, summarise, fit, value, segment, export: the same steps as in the case studies, now on your own
#   customers, ending in lists a team can act on.
# - Stuck? `teach.solution("11.1", lang=lang)` reveals a worked answer; the other notebooks explain each
#   step in depth.

# %% [markdown] lang="ru" en_hash="ff4d7926"
# ## Главное
#
# - CLV — общее мерило для удержания (кого удерживать и сколько на это тратить) и для развития бизнеса
#   (сколько платить за нового клиента, какие каналы и товары развивать).
# - Шаблону нужна одна ячейка настроек: путь, названия столбцов, формат даты и десятичный разделитель,
#   маржа, горизонт и ставка дисконтирования.
# - Загрузчик clvkit объясняет каждую проблему одним предложением и сообщает о каждом изменении (возвраты
#   вычтены, дубли удалены); прочитайте и то и другое, прежде чем доверять числам.
# - Загрузить, свести, обучить, оценить, сегментировать, выгрузить — те же шаги, что в примерах из
#   практики, теперь на ваших клиентах и со списками, по которым команда может работать.
# - Застряли? `teach.solution("11.1", lang=lang)` покажет решение; остальные блокноты подробно
#   объясняют каждый шаг.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. The loader refuses a date column whose dates read both ways. Why is that better than a guess?
# 2. Which settings of the template would you ask your finance team for, and why each one?
# 3. The loader netted refunds and dropped duplicates. What do you check before you trust the
#    numbers that follow?
# 4. How would you turn the exported lists into actions for the CRM team next week, and what would
#    you measure to know they worked?
# 5. Which one number from this notebook would you show your manager, and with which caveat?

# %% [markdown] lang="ru" en_hash="03a60c2e"
# ## Вопросы для самопроверки
#
# 1. Загрузчик отказывается читать столбец дат, которые можно прочитать двумя способами. Почему это
#    лучше, чем угадать?
# 2. Какие настройки шаблона вы запросите у финансового отдела и зачем каждая?
# 3. Загрузчик учёл возвраты и удалил дубли. Что вы проверите, прежде чем доверять дальнейшим
#    цифрам?
# 4. Как вы превратите выгруженные списки в действия CRM-команды на следующей неделе и что измерите,
#    чтобы понять, сработали ли они?
# 5. Какую одну цифру из этого блокнота вы покажете руководителю и с какой оговоркой?
