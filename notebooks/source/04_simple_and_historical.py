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
# The first ways teams measure customer value need nothing but a spreadsheet: multiply a few averages
# (the **simple model**), add up what customers have already spent (**historical CLV**), or follow
# groups of customers acquired in the same month (**cohort averages**). This notebook computes all three
# from a real transaction log, then checks the simple formula against what those customers really
# did next.
#
# **You will learn**
#
# - the simple CLV formula and what each of its four numbers means;
# - how to compute historical CLV per customer from a transaction log;
# - how to read cohort averages of revenue per customer;
# - why the simple formula overshoots, measured on real CDNOW customers.

# %% [markdown] lang="ru" en_hash="9a14ced2"
# Самые простые способы оценить ценность клиента не требуют ничего, кроме таблицы: перемножить несколько
# средних (**простая модель**), сложить то, что клиенты уже потратили (**исторический CLV**), или
# проследить за группами клиентов, пришедших в одном месяце (**средние по когортам**). В этом блокноте мы
# посчитаем все три показателя по реальному журналу покупок, а затем сверим простую формулу с тем, что эти
# клиенты сделали на самом деле.
#
# **Вы научитесь**
#
# - применять простую формулу CLV и понимать смысл каждого из четырёх её множителей;
# - считать исторический CLV каждого клиента по журналу покупок;
# - читать средние по когортам: выручку на одного привлечённого клиента;
# - видеть, насколько простая формула завышает результат, на реальных клиентах CDNOW.

# %%
import pandas as pd

import clvkit as ck
from clvkit import teach
from clvkit.i18n import format_money, format_number, format_percent

ck.set_language(tr(en="en", ru="ru"))
# The course's data are in US dollars; the Russian track shows them in roubles at the course's fixed rate.
currency = tr(en="USD", ru="RUB")
ck.set_currency(currency)
per_dollar = ck.datasets.COURSE_RATES[currency]  # units of the currency per dollar of the data: 1 or 100
lang = ck.get_language()

# %% [markdown] lang="en"
# ## The simple model
#
# The formula most articles start with (Gupta & Lehmann 2003 discuss it and its assumptions):
#
# $$\text{CLV} = \text{average order value} \times \text{purchases per period} \times \text{margin}
# \times \text{lifetime in periods}$$
#
# In words: *the profit a customer brings in a typical period, times the number of periods they stay.*
# A common shortcut for the lifetime is **1 / churn rate**: if 25% of customers leave each year, the
# average customer stays 1 / 0.25 = 4 years. Here is a shop with a $40 order, 4 orders a year and a
# 30% margin:

# %% [markdown] lang="ru" en_hash="c1c8ca2a"
# ## Простая модель
#
# Формула, с которой начинается большинство статей (её допущения разбирают Gupta & Lehmann 2003):
#
# $$\text{CLV} = \text{средний чек} \times \text{покупок за период} \times \text{маржа}
# \times \text{срок жизни в периодах}$$
#
# Словами: *прибыль, которую клиент приносит за обычный период, умноженная на число периодов, пока он
# остаётся клиентом.* Срок жизни часто берут как **1 / доля оттока**: если за год уходит 25% клиентов,
# средний клиент остаётся 1 / 0,25 = 4 года. Пример: магазин со средним чеком 4 000 ₽, 4 заказами в год и
# маржой 30%:

# %%
churn = 0.25                       # a quarter of customers leave each year
lifetime = 1 / churn               # so the average customer stays 4 years
clv = ck.formulas.simple_clv(aov=40 * per_dollar, purchases_per_period=4, margin=0.3, lifetime_periods=lifetime)
print(tr(en="Lifetime, years:", ru="Срок жизни, лет:"), format_number(lifetime, lang))
print(tr(en="Simple CLV:", ru="Простой CLV:"), format_money(clv, lang, decimals=0))

# %% [markdown] lang="en"
# Drawn as a running total, the simple model is a straight line: every year adds the same $48 of margin
# (40 × 4 × 0.3) until the lifetime ends. There is no churn along the way and no discounting: a dollar
# in year 4 counts as much as a dollar today. Notebook 05 bends this line.

# %% [markdown] lang="ru" en_hash="c649c33b"
# Если нарисовать накопленный итог, простая модель — прямая линия: каждый год добавляет одни и те же
# 4 800 ₽ маржи (4 000 × 4 × 0,3), пока срок жизни не закончится. Оттока по дороге нет, дисконтирования тоже:
# рубль через 4 года стоит столько же, сколько рубль сегодня. В блокноте 05 мы эту линию согнём.

# %%
yearly = ck.formulas.cumulative_value(40 * per_dollar * 4 * 0.3, retention=1.0, discount_rate=0.0, periods=4)
ax = ck.plots.plot_cumulative_value(yearly, time_unit="Y", lang=lang)

# %% [markdown] exercise="04.1"
# *Exercise 04.1: the question and the answer cell are written from clvkit/_exercises/nb04.py.*

# %% exercise="04.1"
# the answer cell of exercise 04.1 is written from clvkit/_exercises/nb04.py

# %% [markdown] lang="en"
# ## Historical CLV: what customers have already brought
#
# **Historical CLV** looks backwards: the margin each customer has brought so far, the sum of their
# purchases times the margin. It needs only the transaction log, one row per purchase. Ours is CDNOW,
# an online music store: every purchase of 2,357 customers who first bought in the first quarter of 1997,
# followed to June 1998.

# %% [markdown] lang="ru" en_hash="2eef32b7"
# **Исторический CLV** смотрит назад: маржа, которую каждый клиент уже принёс, то есть сумма его покупок,
# умноженная на маржу. Для расчёта нужен только журнал покупок — одна строка на покупку. У нас это CDNOW,
# интернет-магазин музыки: все покупки 2 357 клиентов, впервые купивших в первом квартале 1997 года,
# с наблюдением до июня 1998-го. Суммы записаны в долларах, здесь они пересчитаны в рубли по условному
# курсу 100 ₽ за доллар.

# %%
tx = ck.datasets.load_cdnow_transactions(currency=currency)
print(tr(en="Purchases:", ru="Покупок:"), format_number(len(tx), lang, decimals=0))
print(tr(en="Customers:", ru="Клиентов:"), format_number(tx["customer_id"].nunique(), lang, decimals=0))
print(tr(en="Dates:", ru="Даты:"), ck.i18n.format_date(tx["date"].min(), lang), "—",
      ck.i18n.format_date(tx["date"].max(), lang))
ck.format_table(tx.head(), lang=lang)

# %% [markdown] lang="en"
# CDNOW's margin is not public, so we take `margin=1.0` and get revenue to date; multiply by your own
# margin to turn it into profit.

# %% [markdown] lang="ru" en_hash="9ec34fc0"
# Маржа CDNOW не публикуется, поэтому возьмём `margin=1.0` и получим выручку на сегодня; чтобы перейти
# к прибыли, умножьте на свою маржу.

# %%
historical = ck.formulas.historical_clv(tx, margin=1.0)
print(tr(en="Mean:", ru="Среднее:"), format_money(historical.mean(), lang, decimals=0))
print(tr(en="Median:", ru="Медиана:"), format_money(historical.median(), lang, decimals=0))
print(tr(en="Largest:", ru="Наибольший:"), format_money(historical.max(), lang, decimals=0))
ck.format_table(historical.head().round(2), lang=lang)

# %% [markdown] lang="en"
# The same numbers come from the customer summary that `ck.summarize` builds, one row per customer
# (`total_amount` is everything they spent); later notebooks use this summary all the time.

# %% [markdown] lang="ru" en_hash="fbcd7409"
# Те же числа получаются из сводной таблицы клиентов, которую строит `ck.summarize`, — одна строка на
# клиента (`total_amount` — всё, что он потратил); в следующих блокнотах эта сводка встречается постоянно.

# %%
summary = ck.summarize(tx)
from_summary = ck.formulas.historical_clv(summary, margin=1.0)
print(tr(en="Same values as from the log:",
         ru="Совпадает с расчётом по журналу:"),
      tr(en=["False", "True"], ru=["нет", "да"])[bool((from_summary - historical).abs().max() < 1e-9)])
ck.format_table(summary[["frequency", "recency", "T", "total_amount"]].head().round(2), lang=lang)

# %% [markdown] lang="en"
# The mean is more than twice the median: a few big buyers pull the average up, so "the average customer"
# is not a typical one. Historical CLV is a fact, not a forecast: it says nothing about who will buy
# again, and it favours customers we have simply known longer.

# %% [markdown] lang="ru" en_hash="17a1e9b7"
# Среднее больше медианы более чем вдвое: несколько крупных покупателей тянут среднее вверх, поэтому
# «средний клиент» — не типичный клиент. Исторический CLV — это факт, а не прогноз: он ничего не говорит
# о том, кто купит снова, и выше у тех, кого мы просто знаем дольше.

# %% [markdown] exercise="04.2"
# *Exercise 04.2: the question and the answer cell are written from clvkit/_exercises/nb04.py.*

# %% exercise="04.2"
# the answer cell of exercise 04.2 is written from clvkit/_exercises/nb04.py

# %% [markdown] lang="en"
# ## Cohort averages
#
# A **cohort** is a group of customers acquired in the same period. Comparing cohorts of the same age is
# fair, unlike comparing a two-year-old customer with a new one. The table below is the revenue per
# acquired customer of each monthly cohort, month by month after the first purchase: month 0 is the
# first order, and later months are what the whole cohort (buyers and non-buyers alike) brought back.

# %% [markdown] lang="ru" en_hash="16baf098"
# **Когорта** — группа клиентов, привлечённых в одном периоде. Сравнивать когорты одного «возраста»
# честно, в отличие от сравнения клиента, которого мы знаем два года, с новичком. Ниже — выручка на одного
# привлечённого клиента в каждой месячной когорте, месяц за месяцем после первой покупки: месяц 0 — первый
# заказ, дальше — то, что вся когорта (и купившие, и не купившие) принесла повторно.

# %%
per_customer = ck.cohort_table(tx, period="M", metric="revenue_per_customer")
print(tr(en="Customers per cohort:",
         ru="Клиентов в когорте:"), {str(k): int(v) for k, v in per_customer.attrs["cohort_size"].items()})
ck.format_table(per_customer.iloc[:, :7].round(2), lang=lang)

# %%
ax = ck.plots.plot_cohort_heatmap(per_customer, time_unit="M", lang=lang)

# %% [markdown] lang="en"
# After the first order, each month brings only a few dollars per acquired customer, and the amounts
# shrink. Adding the months up gives the **cohort-average LTV to date**: what an average customer of the
# cohort has brought after 6 and 12 months.

# %% [markdown] lang="ru" en_hash="7f56f394"
# После первого заказа каждый месяц приносит лишь несколько сотен рублей на привлечённого клиента, и суммы
# уменьшаются. Сложив месяцы, получим **средний LTV когорты на текущий момент**: сколько средний клиент
# когорты принёс за 6 и за 12 месяцев.

# %%
to_date = per_customer.cumsum(axis=1)
ck.format_table(to_date[[0, 5, 11]].round(2), lang=lang).rename(columns={0: tr(en="1 month",
                                                   ru="1 месяц"), 5: tr(en="6 months",
                                                                        ru="6 месяцев"), 11: tr(en="12 months",
                                                                                                ru="12 месяцев")})

# %% [markdown] lang="en"
# The cohorts are remarkably alike, which is why the cohort average is a popular, honest LTV figure.
# Its limit: it only tells you about the months you have already seen.
#
# ## Did the simple formula come true?
#
# Now the real test. Pretend it is the end of September 1997. We know each customer's purchases from
# their first order to 30 September 1997 (the **calibration** period) and want to predict their revenue
# over the next 39 weeks (to 30 June 1998, the **holdout** period). Then we look at what really happened.
# `split_calibration_holdout` gives both halves for the same customers.

# %% [markdown] lang="ru" en_hash="08d37ab1"
# Когорты удивительно похожи друг на друга — поэтому средний LTV когорты так популярен и честен.
# Его ограничение: он говорит только о тех месяцах, которые мы уже видели.
#
# ## Сбылся ли прогноз простой формулы?
#
# Теперь настоящая проверка. Представим, что сейчас конец сентября 1997 года. Мы знаем покупки каждого
# клиента от первого заказа до 30 сентября 1997 года (**период калибровки**) и хотим предсказать его
# выручку на следующие 39 недель (до 30 июня 1998 года, **отложенный период**). А потом посмотрим, что
# случилось на самом деле. Функция `split_calibration_holdout` даёт обе половины для одних и тех же
# клиентов.

# %%
cal, hold = ck.split_calibration_holdout(tx, calibration_end="1997-09-30", observation_end="1998-06-30")
weeks = float(hold["duration_holdout"].iloc[0])
print(tr(en="Customers:", ru="Клиентов:"), format_number(len(cal), lang, decimals=0))
print(tr(en="Holdout period, weeks:",
         ru="Отложенный период, недель:"), format_number(weeks, lang, decimals=0))
ck.format_table(hold.head(), lang=lang)

# %% [markdown] lang="en"
# First for the **average customer**, with the simple formula from the top of this notebook, exactly as a
# spreadsheet would fill it in: the average order value over all calibration purchases, the repeat
# purchases per customer per week, and a lifetime of **1 / churn rate**. For the churn, the usual
# spreadsheet rule: a customer who has not bought for 13 weeks counts as lost; the share lost over the
# roughly 33 weeks of calibration, made yearly, is the churn rate. The formula's line runs at full speed
# until the lifetime ends, so over the holdout it predicts the revenue of the shorter of the lifetime and
# the 39 holdout weeks. Margin is 1, so the result is revenue.

# %% [markdown] lang="ru" en_hash="164a7c14"
# Сначала для **среднего клиента** — по простой формуле из начала блокнота, ровно так, как её заполнили
# бы в таблице: средний чек по всем покупкам периода калибровки, число повторных покупок на клиента в
# неделю и срок жизни **1 / отток**. Отток — по обычному табличному правилу: клиент, который не покупал
# 13 недель, считается ушедшим; доля ушедших за примерно 33 недели калибровки, пересчитанная на год, и
# есть годовой отток. Линия формулы идёт с полной скоростью, пока не кончится срок жизни, поэтому на
# отложенный период она предсказывает выручку за меньшее из двух: срок жизни или 39 недель отложенного
# периода. Маржа равна 1, так что результат — выручка.

# %%
aov = cal["total_amount"].sum() / (cal["frequency"] + 1).sum()
rate = cal["frequency"].sum() / cal["T"].sum()  # repeat purchases per customer per week
lost = ((cal["T"] - cal["recency"]) > 13).mean()  # no purchase for 13 weeks counts as lost
churn = 1 - (1 - lost) ** (52 / cal["T"].mean())  # that share, over the calibration, made yearly
lifetime_weeks = 52 / churn                        # the formula's lifetime: 1 / churn years
predicted = ck.formulas.simple_clv(aov, rate, 1.0, min(lifetime_weeks, weeks))
actual = (hold["frequency_holdout"] * hold["monetary_value_holdout"]).mean()
print(tr(en="Average order value:", ru="Средний чек:"), format_money(aov, lang))
print(tr(en="Repeat purchases per customer per week:",
         ru="Повторных покупок на клиента в неделю:"), format_number(rate, lang, decimals=4))
print(tr(en="Churn a year, lifetime 1 / churn in weeks:",
         ru="Отток в год, срок жизни 1 / отток в неделях:"), format_percent(churn, lang), "|",
      format_number(lifetime_weeks, lang, decimals=0))
print(tr(en="Simple formula, revenue per customer:",
         ru="Простая формула, выручка на клиента:"), format_money(predicted, lang, decimals=0))
print(tr(en="Actual revenue per customer:",
         ru="Фактическая выручка на клиента:"), format_money(actual, lang, decimals=0))
print(tr(en="Overshoot, times:", ru="Завышение, во сколько раз:"), format_number(predicted / actual, lang, decimals=2))

# %% [markdown] lang="en"
# The formula promised about half as much again as customers actually spent. Why? It assumes that
# **everybody stays** and keeps buying at their old pace. In reality many customers quietly stopped:

# %% [markdown] lang="ru" en_hash="9d6774b4"
# Формула пообещала примерно в полтора раза больше, чем клиенты потратили на самом деле. Почему? Она
# предполагает, что **все остаются** и покупают в прежнем темпе. На деле многие клиенты тихо ушли:

# %%
came_back = hold["frequency_holdout"] > 0
repeaters = cal["frequency"] > 0
print(tr(en="Bought in the holdout, all customers:",
         ru="Купили в отложенном периоде, все клиенты:"), format_percent(came_back.mean(), lang))
print(tr(en="... of those who had bought again in calibration:",
         ru="... из тех, кто покупал повторно в периоде калибровки:"), format_percent(came_back[repeaters].mean(), lang))

# %% [markdown] lang="en"
# Now customer by customer: each customer's own average order × their own purchase rate × 39 weeks (the
# formula's lifetime above is longer than the holdout), next to what they actually spent, averaged by how
# many repeat purchases they made in calibration.

# %% [markdown] lang="ru" en_hash="6446f436"
# Теперь по каждому клиенту: его собственный средний чек × его частота покупок × 39 недель (срок жизни
# по формуле выше длиннее отложенного периода) рядом с тем, что он потратил на самом деле, — в среднем
# по группам с разным числом повторных покупок в периоде калибровки.

# %%
compare = pd.DataFrame({
    "frequency": cal["frequency"],
    "predicted": cal["total_amount"] / (cal["frequency"] + 1) * cal["frequency"] / cal["T"] * weeks,
    "actual": hold["frequency_holdout"] * hold["monetary_value_holdout"],
})
groups = ck.plots.predicted_vs_actual(compare, by="frequency", predicted="predicted", actual="actual", top=7)
ck.format_table(groups.round(2), lang=lang)

# %%
ax = ck.plots.plot_predicted_vs_actual(
    compare, by="frequency", predicted="predicted", actual="actual", top=7, currency=currency,
    predicted_label=tr(en="simple formula",
                       ru="простая формула"), actual_label=tr(en="actual",
                                                              ru="факт"), title=tr(en="Revenue in the 39 holdout weeks: formula vs reality",
                                                                                   ru="Выручка за 39 недель отложенного периода: формула и факт"), xlabel=tr(en="Repeat purchases in calibration",
                                                                                                                                                    ru="Повторных покупок в периоде калибровки"), ylabel=tr(en="Mean revenue per customer ($)",
                                                                                                                                                                                                    ru="Средняя выручка на клиента, ₽"),
    lang=lang,
)

# %% [markdown] lang="en"
# The picture tells two stories. For customers who came back, the formula overshoots in every group,
# and the best customers the most: some of them left, and those who stayed bought less often than at
# their peak. For the one-time buyers (group 0) it predicts nothing at all, yet some of them did return.
# Averages hide both errors. The probability models of notebook 06 fix them by allowing each customer
# to leave at some unseen moment.

# %% [markdown] lang="ru" en_hash="7a95d880"
# На графике видны две истории. Для вернувшихся клиентов формула завышает выручку в каждой группе, а для
# лучших клиентов — сильнее всего: часть из них ушла, а оставшиеся покупали реже, чем на пике. Для
# купивших один раз (группа 0) она не предсказывает ничего, хотя часть из них вернулась. Средние прячут
# обе ошибки. Вероятностные модели из блокнота 06 исправляют их, допуская, что каждый клиент может уйти в
# какой-то невидимый нам момент.

# %% [markdown] exercise="04.3"
# *Exercise 04.3: the question and the answer cell are written from clvkit/_exercises/nb04.py.*

# %%
teach.hint("04.3", lang=lang)

# %% exercise="04.3"
# the answer cell of exercise 04.3 is written from clvkit/_exercises/nb04.py

# %% [markdown] lang="en"
# ## Key takeaways
#
# - Simple CLV = average order value × purchases per period × margin × lifetime; lifetime is often taken
#   as 1 / churn rate.
# - Historical CLV is the margin a customer has already brought: a fact, not a forecast.
# - Cohort averages compare customers of the same age and give an honest LTV to date.
# - On CDNOW the simple formula promised about 1.5 times the revenue customers really brought in the
#   next 39 weeks: it assumes nobody leaves. Discounting and retention (notebook 05) and probability
#   models (notebook 06) fix that.

# %% [markdown] lang="ru" en_hash="912e494c"
# ## Главное
#
# - Простой CLV = средний чек × покупок за период × маржа × срок жизни; срок жизни часто берут как
#   1 / доля оттока.
# - Исторический CLV — маржа, которую клиент уже принёс: это факт, а не прогноз.
# - Средние по когортам сравнивают клиентов одного «возраста» и дают честный LTV на сегодня.
# - На данных CDNOW простая формула пообещала примерно в 1,5 раза больше выручки, чем клиенты принесли
#   за следующие 39 недель: она предполагает, что никто не уходит. Дисконтирование и удержание
#   (блокнот 05) и вероятностные модели (блокнот 06) это исправляют.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. The simple formula takes the lifetime as 1 / churn and counts every year of it at full value.
#    Why does it overshoot on a base like CDNOW?
# 2. Last year's cohort has brought $80 of margin per customer so far. Could you use that as the
#    most you may pay for a new customer? What would you change?
# 3. Why compare cohorts at the same age rather than all customers at once? What would a mixed
#    average hide?
# 4. When is the simple formula good enough for a decision, and when is it not?

# %% [markdown] lang="ru" en_hash="c45ca786"
# ## Вопросы для самопроверки
#
# 1. Простая формула берёт срок жизни как 1 / отток и считает каждый его год по полной стоимости.
#    Почему на базе вроде CDNOW она завышает?
# 2. Когорта прошлого года уже принесла по 80 $ маржи на клиента. Можно ли взять эту цифру как
#    предельную цену нового клиента? Что бы вы изменили?
# 3. Почему когорты сравнивают в одном возрасте, а не всех клиентов сразу? Что скрыло бы смешанное
#    среднее?
# 4. Когда простой формулы достаточно для решения, а когда нет?
