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
# The first ways teams measure customer value need nothing but a spreadsheet: multiply a few averages (the
# **simple formula**), add up what customers have already spent (**historical CLV**), or follow the
# customers acquired in the same month (**cohort averages**). This notebook computes all three from a real
# transaction log, then checks the simple formula against what those customers really did next.
#
# **You will learn**
#
# - the simple CLV formula, with the cost of keeping a customer and the cost of winning one;
# - to compute historical CLV and cohort averages from a transaction log;
# - how far the simple formula overshoots on real customers, and for whom it errs most.

# %% [markdown] lang="ru" en_hash="134dbad9"
# Самые простые способы оценить ценность клиента не требуют ничего, кроме таблицы: перемножить несколько
# средних (**простая формула**), сложить то, что клиенты уже потратили (**исторический CLV**), или
# проследить за клиентами, пришедшими в одном месяце (**средние по когортам**). В этом блокноте мы посчитаем
# все три показателя по реальному журналу покупок, а затем сверим простую формулу с тем, что эти клиенты
# сделали на самом деле.
#
# **Вы научитесь**
#
# - применять простую формулу CLV с затратами на удержание клиента и на его привлечение;
# - считать исторический CLV и средние по когортам по журналу покупок;
# - видеть, насколько простая формула завышает результат на реальных клиентах и для кого ошибается сильнее.

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
# ## The simple formula
#
# $$\text{LTV} = (\text{average order value} \times \text{purchases per period} \times \text{margin}
# - \text{retention cost per period}) \times \text{lifetime in periods}$$
#
# In words: *the profit a customer brings in a typical period, after what it costs to keep them, times the
# number of periods they stay.* The **retention cost** is what you spend on every customer who stays: a
# loyalty card, a service team, a birthday voucher. The lifetime is usually taken as **1 / churn rate**: if
# 25% of customers leave each year, the average one stays 4 years, this year included (notebook 03's formula
# counts the 3 still to come and discounts them). Take away the **acquisition cost** and you have the profit
# a new customer brings. A shop with a $40 order, 4 orders a year, a 30% margin, $8 a year of retention cost
# and $60 to acquire a customer:

# %% [markdown] lang="ru" en_hash="b44f75b9"
# ## Простая формула
#
# $$\text{LTV} = (\text{средний чек} \times \text{покупок за период} \times \text{маржа}
# - \text{затраты на удержание за период}) \times \text{срок жизни в периодах}$$
#
# Словами: *прибыль, которую клиент приносит за обычный период, за вычетом того, во что обходится его
# удержание, умноженная на число периодов, пока он остаётся клиентом.* **Затраты на удержание** — то, что
# вы тратите на каждого оставшегося клиента: карта лояльности, служба заботы, купон ко дню рождения. Срок
# жизни обычно берут как **1 / долю оттока**: если за год уходит 25% клиентов, средний клиент остаётся
# 4 года, считая текущий (формула блокнота 03 считает 3 ещё предстоящих и дисконтирует их). Вычтите
# **стоимость привлечения** — и получите прибыль от нового клиента. Магазин со средним чеком 4 000 ₽,
# 4 заказами в год, маржой 30%, затратами на удержание 800 ₽ в год и стоимостью привлечения 6 000 ₽:

# %%
churn = 0.25                       # a quarter of customers leave each year
lifetime = 1 / churn               # so the average customer stays 4 years
aov, orders, margin, retention_cost, cac = 40 * per_dollar, 4, 0.3, 8 * per_dollar, 60 * per_dollar
ltv = ck.formulas.simple_clv(aov, orders, margin, lifetime, cost_per_period=retention_cost)
print(tr(en="Margin a year before the retention cost:", ru="Маржа в год до затрат на удержание:"),
      format_money(aov * orders * margin, lang, decimals=0))
print(tr(en="LTV without the retention cost:", ru="LTV без затрат на удержание:"),
      format_money(ck.formulas.simple_clv(aov, orders, margin, lifetime), lang, decimals=0))
print(tr(en="LTV with it:", ru="LTV с ними:"), format_money(ltv, lang, decimals=0))
print(tr(en="Profit per new customer, LTV − acquisition cost:",
         ru="Прибыль от нового клиента, LTV − стоимость привлечения:"), format_money(ltv - cac, lang, decimals=0))

# %% [markdown] lang="en"
# Leaving out the retention cost would overstate this customer by a fifth. The lifetime 1 / churn already
# lets customers leave: if a quarter leave each year, a customer's expected margins, m this year, 0.75 m
# the next, 0.75² m the year after and so on, add up to m / 0.25, the formula's figure. So the simple
# formula is the **expected undiscounted** value.
# Its two real faults: nothing is discounted (a dollar in year four counts as much as one today), and one
# set of averages stands for every customer, though customers differ widely in how much, how often and how
# long they buy.

# %% [markdown] lang="ru" en_hash="55549d9e"
# Без затрат на удержание ценность этого клиента оказалась бы завышена на пятую часть. Срок жизни 1 / отток
# уже учитывает уход клиентов: если каждый год уходит четверть, ожидаемые маржи клиента — m в этом году,
# 0,75 m в следующем, 0,75² m через год и так далее — складываются в m / 0,25, ровно в цифру формулы.
# Значит, простая формула даёт **ожидаемую недисконтированную** ценность. Настоящих недостатков у неё два: ничего не дисконтируется (рубль на
# четвёртый год весит столько же, сколько сегодняшний), и один набор средних описывает всех клиентов, хотя
# клиенты сильно различаются тем, сколько, как часто и как долго они покупают.

# %% [markdown] exercise="04.1"
# *Exercise 04.1: the question and the answer cell are written from clvkit/_exercises/nb04.py.*

# %% exercise="04.1"
# the answer cell of exercise 04.1 is written from clvkit/_exercises/nb04.py

# %% [markdown] lang="en"
# ## Historical CLV and cohort averages
#
# **Historical CLV** looks backwards: the margin each customer has brought so far. It needs only the
# transaction log, one row per purchase. Ours is CDNOW, an online music store: every purchase of 2,357
# customers who first bought in the first quarter of 1997, followed to June 1998. CDNOW's margin is not
# public, so we take `margin=1.0` and get revenue; multiply by your own margin for profit.

# %% [markdown] lang="ru" en_hash="0934bda1"
# ## Исторический CLV и средние по когортам
#
# **Исторический CLV** смотрит назад: маржа, которую каждый клиент уже принёс. Для расчёта нужен только
# журнал покупок — одна строка на покупку. У нас это CDNOW, интернет-магазин музыки: все покупки 2 357
# клиентов, впервые купивших в первом квартале 1997 года, с наблюдением до июня 1998-го. Суммы записаны в
# долларах, здесь они пересчитаны в рубли по условному курсу 100 ₽ за доллар. Маржа CDNOW не публикуется,
# поэтому возьмём `margin=1.0` и получим выручку; чтобы перейти к прибыли, умножьте на свою маржу.

# %%
tx = ck.datasets.load_cdnow_transactions(currency=currency)
historical = ck.formulas.historical_clv(tx, margin=1.0)
print(tr(en="Purchases:", ru="Покупок:"), format_number(len(tx), lang, decimals=0), "|",
      tr(en="customers:", ru="клиентов:"), format_number(len(historical), lang, decimals=0))
print(tr(en="Mean:", ru="Среднее:"), format_money(historical.mean(), lang, decimals=0), "|",
      tr(en="median:", ru="медиана:"), format_money(historical.median(), lang, decimals=0), "|",
      tr(en="largest:", ru="наибольший:"), format_money(historical.max(), lang, decimals=0))

# %% [markdown] lang="en"
# The mean is more than twice the median: a few big buyers pull it up, so "the average customer" is not a
# typical one. Historical CLV is a fact, not a forecast, and it is higher for customers we have simply known
# longer. A **cohort** (customers acquired in the same month) fixes the second problem: every customer in it
# has the same age. The table adds up the revenue per acquired customer, buyers and non-buyers alike, over
# the first 1, 6 and 12 months (month 1 is the month of the first purchase):

# %% [markdown] lang="ru" en_hash="298df19a"
# Среднее больше медианы более чем вдвое: несколько крупных покупателей тянут его вверх, поэтому «средний
# клиент» — не типичный клиент. Исторический CLV — факт, а не прогноз, и он выше у тех, кого мы просто знаем
# дольше. **Когорта** (клиенты, привлечённые в одном месяце) решает вторую проблему: все её клиенты одного
# «возраста». Таблица складывает выручку на одного привлечённого клиента — и купивших снова, и нет — за
# первые 1, 6 и 12 месяцев (месяц 1 — месяц первой покупки):

# %%
per_customer = ck.cohort_table(tx, period="M", metric="revenue_per_customer")
to_date = per_customer.cumsum(axis=1)[[0, 5, 11]].round(0).astype(int)
to_date.columns = tr(en=["1 month", "6 months", "12 months"], ru=["1 месяц", "6 месяцев", "12 месяцев"])
to_date.insert(0, "customers", pd.Series(per_customer.attrs["cohort_size"]))
ck.format_table(to_date, lang=lang)

# %% [markdown] lang="en"
# The three cohorts are remarkably alike, which makes the cohort average a fair **revenue per customer to
# date** (not yet an LTV: multiply by your margin, and the months ahead are missing). Its limit: it only
# tells you about the months you have already seen.
#
# ## Did the simple formula come true?
#
# Pretend it is the end of September 1997. We know each customer's purchases up to then (the
# **calibration** period) and predict their revenue over the next 39 weeks, to 30 June 1998 (the
# **holdout**); then we look at what happened. We fill in the formula from the top as a spreadsheet would:
# the average order value, the repeat purchases per customer per week, and a lifetime of 1 / churn, where a
# customer with no purchase for 13 weeks counts as lost (margin 1 and no retention cost: CDNOW's are not
# known). A spreadsheet gives every customer this average lifetime, buying at full pace until it ends, so
# over the holdout it predicts the revenue of the shorter of the lifetime and the 39 weeks.

# %% [markdown] lang="ru" en_hash="70269ef8"
# Три когорты удивительно похожи, поэтому среднее по когорте — надёжная **выручка на клиента на сегодня**
# (это ещё не LTV: нужно умножить на свою маржу, и будущих месяцев в ней нет). Её ограничение: она говорит
# только о тех месяцах, которые мы уже видели.
#
# ## Сбылся ли прогноз простой формулы?
#
# Представим, что сейчас конец сентября 1997 года. Мы знаем покупки каждого клиента до этого дня (**период
# калибровки**) и предсказываем его выручку на следующие 39 недель, до 30 июня 1998 года (**отложенный
# период**); потом смотрим, что случилось на самом деле. Заполняем формулу из начала блокнота так, как это
# сделали бы в таблице: средний чек, повторные покупки на клиента в неделю и срок жизни 1 / отток, где
# клиент без покупок 13 недель считается ушедшим (маржа 1 и без затрат на удержание: у CDNOW они
# неизвестны). Таблица приписывает этот срок жизни каждому клиенту, и каждый покупает в прежнем темпе, пока срок
# не кончится, поэтому на отложенный период она предсказывает выручку за меньшее из двух: срок жизни или
# 39 недель.

# %%
cal, hold = ck.split_calibration_holdout(tx, calibration_end="1997-09-30", observation_end="1998-06-30")
weeks = float(hold["duration_holdout"].iloc[0])
aov = cal["total_amount"].sum() / (cal["frequency"] + 1).sum()
rate = cal["frequency"].sum() / cal["T"].sum()  # repeat purchases per customer per week
lost = ((cal["T"] - cal["recency"]) > 13).mean()  # no purchase for 13 weeks counts as lost
churn = 1 - (1 - lost) ** (52 / cal["T"].mean())  # that share, over the calibration, made yearly
lifetime_weeks = 52 / churn                        # the formula's lifetime: 1 / churn years
predicted = ck.formulas.simple_clv(aov, rate, 1.0, min(lifetime_weeks, weeks))
actual = (hold["frequency_holdout"] * hold["monetary_value_holdout"]).mean()
print(tr(en="Churn a year:", ru="Отток в год:"), format_percent(churn, lang), "|",
      tr(en="lifetime, weeks:", ru="срок жизни, недель:"), format_number(lifetime_weeks, lang, decimals=0))
print(tr(en="Formula, revenue per customer:", ru="Формула, выручка на клиента:"),
      format_money(predicted, lang, decimals=0), "|", tr(en="actual:", ru="факт:"), format_money(actual, lang, decimals=0))
print(tr(en="Bought at all in the holdout, of those who had bought again before:",
         ru="Купили хоть раз в отложенном периоде из тех, кто уже покупал повторно:"),
      format_percent((hold["frequency_holdout"] > 0)[cal["frequency"] > 0].mean(), lang))

# %% [markdown] lang="en"
# The formula promised about half as much again as customers spent. That is the averaging fault at work:
# the average customer stays 56 weeks, so in the spreadsheet nobody leaves within the 39, while about half
# of the customers who had already come back did not buy once more. Now customer by customer:
# each one's own average order × own pace × 39 weeks (the lifetime above is longer), against what they
# spent, averaged by the number of repeat purchases in calibration.

# %% [markdown] lang="ru" en_hash="8ce190a9"
# Формула пообещала примерно в полтора раза больше, чем клиенты потратили. Это и есть ошибка усреднения:
# средний клиент остаётся 56 недель, поэтому в таблице за 39 недель не уходит никто, а на деле около половины
# тех, кто уже возвращался, не купили больше ни разу. Теперь по каждому клиенту:
# его собственный средний чек × его темп × 39 недель (срок жизни, посчитанный выше, длиннее 39 недель) рядом с тем, что он
# потратил, — в среднем по группам с разным числом повторных покупок в калибровке.

# %%
compare = pd.DataFrame({
    "frequency": cal["frequency"],
    "predicted": cal["total_amount"] / (cal["frequency"] + 1) * cal["frequency"] / cal["T"] * weeks,
    "actual": hold["frequency_holdout"] * hold["monetary_value_holdout"],
})
ax = ck.plots.plot_predicted_vs_actual(
    compare, by="frequency", predicted="predicted", actual="actual", top=7, currency=currency, lang=lang,
    predicted_label=tr(en="simple formula", ru="простая формула"), actual_label=tr(en="actual", ru="факт"),
    title=tr(en="Revenue in the 39 holdout weeks: formula vs reality",
             ru="Выручка за 39 недель отложенного периода: формула и факт"),
    xlabel=tr(en="Repeat purchases in calibration", ru="Повторных покупок в периоде калибровки"),
    ylabel=tr(en="Mean revenue per customer ($)", ru="Средняя выручка на клиента, ₽"))

# %% [markdown] exercise="04.2"
# *Exercise 04.2: the question and the answer cell are written from clvkit/_exercises/nb04.py.*

# %% exercise="04.2"
# the answer cell of exercise 04.2 is written from clvkit/_exercises/nb04.py

# %% [markdown] lang="en"
# For customers who came back, the formula overshoots in every group, and broadly the more repeat purchases,
# the more it overshoots: 1.4 times for one, 2.4 times for seven or more. For the one-time buyers (group 0)
# it predicts nothing, yet some of them returned. The base-wide average hides both errors. The models of
# notebook 05 fix them by giving each customer their own pace and their own chance of having left.

# %% [markdown] lang="ru" en_hash="0a8221cf"
# Для вернувшихся клиентов формула завышает выручку в каждой группе, и в целом чем больше повторных покупок,
# тем сильнее: в 1,4 раза при одной и в 2,4 раза при семи и больше. Для купивших один раз (группа 0) она не
# предсказывает ничего, хотя часть из них вернулась. Среднее по всей базе прячет обе ошибки. Модели блокнота
# 05 исправляют их: у каждого клиента свой темп и своя вероятность того, что он уже ушёл.

# %% [markdown] lang="en"
# ## Key takeaways
#
# - LTV = (average order value × purchases per period × margin − retention cost per period) × lifetime, with
#   the lifetime often taken as 1 / churn; subtract the acquisition cost for the profit per new customer.
# - Historical CLV is what a customer has already brought: a fact, not a forecast. Cohort averages compare
#   customers of the same age and give a fair revenue per customer to date.
# - The simple formula is the expected undiscounted value; its faults are no discounting and one average for
#   unlike customers. On CDNOW, with the average lifetime given to everyone, it promised about 1.5 times what
#   customers spent in the next 39 weeks, and about twice for the best customers.

# %% [markdown] lang="ru" en_hash="ecf7025c"
# ## Главное
#
# - LTV = (средний чек × покупок за период × маржа − затраты на удержание за период) × срок жизни, а срок
#   жизни часто берут как 1 / отток; вычтите стоимость привлечения — получите прибыль от нового клиента.
# - Исторический CLV — то, что клиент уже принёс: факт, а не прогноз. Средние по когортам сравнивают клиентов
#   одного «возраста» и дают надёжную выручку на клиента на сегодня.
# - Простая формула даёт ожидаемую недисконтированную ценность; её недостатки — нет дисконтирования и одно
#   среднее для непохожих клиентов. На CDNOW, где каждому клиенту приписали средний срок жизни, она пообещала примерно
#   в 1,5 раза больше, чем клиенты потратили за следующие 39 недель, а для лучших клиентов — примерно вдвое.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. Why does the simple formula overshoot on a base like CDNOW, and why most for the best customers?
# 2. Where does the retention cost enter the formula, and why is it multiplied by the lifetime rather than
#    subtracted once?
# 3. Last year's cohort has brought $80 of margin per customer so far. Could you use that as the most you
#    may pay for a new customer? What would you change?
# 4. Why compare cohorts at the same age rather than all customers at once?
# 5. When is the simple formula good enough for a decision, and when is it not?

# %% [markdown] lang="ru" en_hash="6c895c3f"
# ## Вопросы для самопроверки
#
# 1. Почему простая формула завышает прогноз на базе вроде CDNOW и почему сильнее всего — для лучших клиентов?
# 2. Где в формулу входят затраты на удержание и почему их умножают на срок жизни, а не вычитают один раз?
# 3. Когорта прошлого года уже принесла по 8 000 ₽ маржи на клиента. Можно ли взять эту цифру как наибольшую
#    цену нового клиента? Что бы вы изменили?
# 4. Почему когорты сравнивают в одном «возрасте», а не всех клиентов сразу?
# 5. Когда простой формулы достаточно для решения, а когда нет?
