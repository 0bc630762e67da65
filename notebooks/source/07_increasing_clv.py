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
# A loyalty scheme, personal offers, upsell, a retention campaign: every programme raises customer value
# by pulling a few levers, and every programme costs money. The **strategy simulator** turns a programme
# into numbers you can defend: what it adds, what it costs, and the most it may cost.
#
# **You will learn**
#
# - which levers loyalty, personalisation, upsell and retention programmes pull;
# - to value a programme on a real customer base, offered to everyone or to one CLV tier;
# - to judge a programme over the horizon its effect lasts, and show how the verdict moves with it;
# - to find the break-even cost, the most a programme may cost per participant.

# %% [markdown] lang="ru" en_hash="9cab8727"
# Программа лояльности, персональные предложения, апсейл, кампания удержания: любая программа повышает
# ценность клиентов через несколько рычагов, и любая стоит денег. **Симулятор стратегий** превращает
# программу в числа, которые можно защитить: что она добавляет, сколько стоит и сколько может стоить
# самое большее.
#
# **Вы научитесь**
#
# - видеть, на какие рычаги действуют программы лояльности, персонализация, апсейл и удержание;
# - оценивать программу на реальной клиентской базе — для всех клиентов или для одного уровня CLV;
# - оценивать программу на горизонте, пока длится её эффект, и показывать, как вывод зависит от горизонта;
# - находить точку безубыточности — предельную стоимость программы на участника.

# %%
import dataclasses

import numpy as np
import pandas as pd

import clvkit as ck
from clvkit import teach
from clvkit.models import BGNBD, GammaGamma
from clvkit.i18n import format_money, format_number, format_percent

ck.set_language(tr(en="en", ru="ru"))
currency = tr(en="USD", ru="RUB")  # the Russian track shows the dollar data in roubles at the course rate
ck.set_currency(currency)
lang = ck.get_language()
per_dollar = ck.datasets.COURSE_RATES[currency]  # units of the currency per dollar of the data: 1 or 100

# %% [markdown] lang="en"
# ## Programmes are bundles of levers
#
# CLV is margin × order value × purchases, added up over the time a customer stays. So a programme can
# act through **retention** (15% less churn is a churn change of −0.15, `churn_change`), **frequency**
# (`frequency_change`), **order value** (`aov_change`) or **margin**. It costs a one-off amount per
# participant, such as a welcome gift or a call (`cost_once`), and a monthly amount while the participant
# stays, such as points (`cost_per_period`), for the share of customers who take part (`take_up`). The four programmes of this
# notebook, as clvkit's presets; their numbers are **illustrative**, to be replaced by your own tests:

# %% [markdown] lang="ru" en_hash="4435f632"
# ## Программа — это набор рычагов
#
# CLV — это маржа × средний чек × число покупок, сложенные за всё время, пока клиент остаётся. Значит,
# программа может действовать через **удержание** (отток на 15% ниже — это изменение оттока −0,15,
# `churn_change`), **частоту покупок** (`frequency_change`), **средний чек** (`aov_change`) или **маржу**.
# Она требует разовых затрат на участника, например приветственного подарка или звонка (`cost_once`), и
# ежемесячных, пока участник остаётся, например баллов (`cost_per_period`), за ту долю клиентов, которая
# участвует, — отклик (`take_up`). Четыре
# программы этого блокнота — готовые наборы clvkit; их числа — **иллюстрация**, замените их результатами
# своих тестов. Цены наборов записаны в долларах, здесь они пересчитаны в рубли по условному курсу 100 ₽
# за доллар.

# %%
def priced(name, **levers):
    """A preset with its costs in the track's currency (the presets are priced in dollars)."""
    base = ck.strategy.preset(name)
    return base.with_levers(**{"cost_once": base.cost_once * per_dollar,
                               "cost_per_period": base.cost_per_period * per_dollar, **levers})


PROGRAMMES = ["loyalty_program", "personalisation", "upsell_cross_sell", "retention_campaign"]
levers = pd.DataFrame([dataclasses.asdict(priced(name)) for name in PROGRAMMES]).set_index("name")
ck.format_table(levers.drop(columns=["description", "target", "margin_change"]), lang=lang)

# %% [markdown] lang="en"
# ## The real base: CDNOW customers
#
# The simulator applies the levers to each CDNOW customer's own forecast from the models of notebook 05:
# a customer's history, and so the chance of still being active, stays as it is; the programme changes
# what they do from now on. We judge the programmes over **36 months** at a 30% margin: a programme
# that keeps customers acts for years, and a one-year view would count its whole cost but only one year
# of what it keeps (more on this below). Each programme is offered to everyone, then to one CLV tier of
# notebook 06 at a time. The table shows the **net uplift**: the extra CLV of the participants minus the
# programme's cost.

# %% [markdown] lang="ru" en_hash="8b1fa567"
# ## Реальная база: клиенты CDNOW
#
# Симулятор применяет рычаги к прогнозу каждого клиента CDNOW по моделям из блокнота 05: история
# клиента, а значит, и вероятность того, что он ещё активен, остаются как есть, а программа меняет его
# поведение с этого момента. Оцениваем программы на **36 месяцев** при марже 30%: программа, которая
# удерживает клиентов, действует годами, а взгляд на один год учёл бы все её затраты, но лишь один год
# того, что она сохраняет (подробнее ниже). Каждую программу предлагаем всем клиентам, затем по очереди
# каждому уровню CLV из блокнота 06. В таблице — **чистый прирост**: дополнительный CLV участников за
# вычетом затрат на программу.

# %%
summary = ck.datasets.load_cdnow_summary(currency=currency)
bgnbd, gg = BGNBD().fit(summary), GammaGamma().fit(summary)
clv = ck.customer_lifetime_value(bgnbd, gg, summary, horizon="12 months",
                                 annual_discount_rate=0.1, margin=0.3)["clv"]
tiers = ck.segments.clv_tiers(clv)  # the CLV tiers of notebook 06
sim = ck.strategy.StrategySimulator(bgnbd, gg, summary, horizon="36 months",
                                    annual_discount_rate=0.1, margin=0.3, segments=tiers)
print(tr(en="Value of the base, next 36 months:",
         ru="Ценность базы за 36 месяцев:"), format_money(sim.base_clv_.sum(), lang, decimals=0))
offered_to = {tr(en="everyone", ru="все клиенты"): None, **{ck.plots.segment_name(t, lang): t for t in tiers.cat.categories}}
net = pd.DataFrame({label: {name: sim.evaluate(priced(name, target=target), payback=False).net_uplift
                            for name in PROGRAMMES} for label, target in offered_to.items()})
print(tr(en="Net uplift over 36 months ($), by whom the programme is offered to:",
         ru="Чистый прирост за 36 месяцев (₽) в зависимости от того, кому предложена программа:"))
ck.format_table(net.round(0).astype(int), lang=lang)

# %% [markdown] lang="en"
# A sobering first column: offered to everyone, every programme **loses money**. An average CDNOW
# customer brings a few dollars of margin a year, so a $5 enrolment or $1 a month of rewards eats more
# than the programme adds. Offered to the top 1%, where the value is (notebook 06), every one of them
# pays, and three of the four pay on the next 4%: choosing whom to offer a programme to is itself a lever.
#
# ## How long to judge a programme
#
# A one-off cost is paid at once, while the customers a programme keeps pay in every later year. Judged
# over too short a horizon, a programme that keeps customers looks worthless. `ck.strategy.horizon_table`
# values each programme, offered to the top 1-5% tier, over one to five years:

# %% [markdown] lang="ru" en_hash="d9ab49c3"
# Первый столбец отрезвляет: если предлагать всем, **убыточна каждая** программа. Средний клиент CDNOW
# приносит несколько сотен рублей маржи в год, поэтому 500 ₽ за вступление или 100 ₽ бонусов в месяц
# съедают больше, чем программа добавляет. На верхнем 1%, где сосредоточена ценность (блокнот 06),
# окупается каждая из них, а на следующих 4% — три из четырёх: выбор того, кому предложить программу, —
# тоже рычаг.
#
# ## За какой срок оценивать программу
#
# Разовые затраты платятся сразу, а клиенты, которых программа удержала, приносят деньги и во все
# следующие годы. На слишком коротком горизонте программа, которая удерживает клиентов, выглядит
# бесполезной. `ck.strategy.horizon_table` оценивает каждую программу для уровня топ 1–5% на горизонтах
# от одного года до пяти лет:

# %%
by_horizon = ck.strategy.horizon_table(bgnbd, gg, summary, [priced(name, target="top 1-5%") for name in PROGRAMMES],
                                       horizons=["12 months", "24 months", "36 months", "60 months"],
                                       annual_discount_rate=0.1, margin=0.3, segments=tiers)
by_horizon.columns = tr(en=["1 year", "2 years", "3 years", "5 years"], ru=["1 год", "2 года", "3 года", "5 лет"])
print(tr(en="Net uplift ($) for the top 1-5% tier, by horizon:", ru="Чистый прирост (₽) для уровня топ 1–5% по горизонтам:"))
ck.format_table(by_horizon.round(0).astype(int), lang=lang)

# %% [markdown] lang="en"
# Read across a row. The verdict on the retention campaign flips with the horizon: what it keeps goes on
# paying long after its cost is spent. The loyalty programme pays its rewards every month a member
# stays, so a longer view does not rescue it on this tier. The right horizon is **how long the effect
# lasts**, which a test must show (the simulator assumes it lasts the whole horizon); agree it with
# finance and show this table beside the verdict.

# %% [markdown] lang="ru" en_hash="13c05345"
# Читайте таблицу по строкам. Вывод о кампании удержания меняется с горизонтом: то, что она сохраняет,
# приносит деньги ещё долго после того, как затраты сделаны. Программа лояльности платит бонусы каждый
# месяц, пока участник с нами, поэтому на этом уровне более длинный горизонт её не спасает. Правильный
# горизонт — **сколько длится эффект**, а это должен показать тест (симулятор считает, что эффект длится
# весь горизонт); согласуйте его с финансистами и показывайте эту таблицу рядом с выводом.

# %% [markdown] exercise="07.1"
# *Exercise 07.1: the question and the answer cell are written from clvkit/_exercises/nb07.py.*

# %% exercise="07.1"
# the answer cell of exercise 07.1 is written from clvkit/_exercises/nb07.py

# %% [markdown] lang="en"
# ## The most a programme may cost
#
# Take the upsell programme offered to the top 1-5%. Its net uplift falls by one unit of money for each
# unit added to the one-off cost per participant. The **break-even cost** is where the net uplift
# reaches zero: the most the programme may cost per participant, after its running costs. **ROI** is the
# net uplift per unit spent; **payback**, how long a participant's extra margin takes to cover the
# one-off cost. A programme without a cost has no ROI (shown as NaN: judge it by its net uplift), and
# when the running costs alone exceed the gain there is no break-even cost at all (also NaN).

# %% [markdown] lang="ru" en_hash="0497bffa"
# ## Сколько программа может стоить
#
# Возьмём программу апсейла для уровня топ 1–5%. Её чистый прирост падает ровно на столько, на сколько
# растут разовые затраты на участника. **Точка безубыточности** — там, где чистый прирост доходит до нуля:
# это предельная стоимость программы на участника после её текущих затрат. **ROI** — чистый прирост на
# вложенный рубль; **срок окупаемости** — за сколько времени дополнительная маржа участника покроет
# разовые затраты. У программы без затрат нет ROI (в таблицах — NaN: оценивайте её по чистому приросту),
# а если одни текущие затраты больше прироста, точки безубыточности нет вовсе (тоже NaN).

# %%
upsell = priced("upsell_cross_sell", target="top 1-5%")
result = sim.evaluate(upsell)
print(tr(en="Participants:", ru="Участников:"), round(result.participants), "· ROI:", format_percent(result.roi, lang))
print(tr(en="Break-even one-off cost per participant:", ru="Предельные разовые затраты на участника:"),
      format_money(result.break_even_cost, lang), tr(en="· payback, months:", ru="· окупаемость, месяцев:"),
      format_number(result.payback_periods, lang, decimals=1))

# %%
costs = np.linspace(0.0, 2 * result.break_even_cost, 21)
net = [sim.evaluate(upsell.with_levers(cost_once=c), payback=False).net_uplift for c in costs]
ax = pd.Series(net, index=costs).plot(figsize=(6.4, 4.0), lw=2, label=tr(en="net uplift", ru="чистый прирост"))
ax.axhline(0.0, color="0.4", lw=1)
ax.axvline(result.break_even_cost, color="tab:red", ls=":", label=tr(en="break-even cost", ru="точка безубыточности"))
ax.axvline(upsell.cost_once, color="tab:green", ls="--", label=tr(en="preset cost", ru="цена из набора"))
ax.xaxis.set_major_formatter(ck.plots.money_formatter(lang))
ax.yaxis.set_major_formatter(ck.plots.money_formatter(lang))
ax.set(xlabel=tr(en="One-off cost per participant ($)", ru="Разовые затраты на участника, ₽"),
       ylabel=tr(en="Net CLV uplift, 36 months ($)", ru="Чистый прирост CLV за 36 месяцев, ₽"),
       title=tr(en="Upsell programme for the top 1-5%", ru="Апсейл для топ 1–5%"))
legend = ax.legend(frameon=False)

# %% [markdown] exercise="07.2"
# *Exercise 07.2: the question and the answer cell are written from clvkit/_exercises/nb07.py.*

# %% exercise="07.2"
# the answer cell of exercise 07.2 is written from clvkit/_exercises/nb07.py

# %% [markdown] lang="en"
# ## The strategy simulator
#
# Move the levers, the cost per participant, the take-up and the target tier, and watch the net uplift,
# ROI and break-even cost change. Try the "rest" tier: how cheap must a programme be to pay there?

# %% [markdown] lang="ru" en_hash="39b459a6"
# ## Симулятор стратегий
#
# Двигайте рычаги, затраты на участника, отклик и целевой уровень и смотрите, как меняются чистый
# прирост, ROI и точка безубыточности. Попробуйте уровень «остальные»: насколько дешёвой должна быть
# программа, чтобы окупиться там?

# %% tags=["nbval-ignore-output"]
ck.widgets.StrategySimulator(sim, cost_once=0.5 * per_dollar, cost_max=50 * per_dollar, currency=currency, lang=lang)

# %% [markdown] lang="en"
# ## Key takeaways
#
# - A programme is a bundle of levers (retention, frequency, order value, margin) plus its costs and
#   take-up; loyalty, personalisation, upsell and retention campaigns differ in the levers they pull.
# - On a base of many low-value customers, a programme offered to everyone can lose money and still pay
#   on the top tiers: whom you offer it to is a lever.
# - Judge a programme over the time its effect lasts, and show how the verdict moves with the horizon.
# - The break-even cost is the most a programme may cost per participant, after its running costs;
#   compare every quote with it.

# %% [markdown] lang="ru" en_hash="25700144"
# ## Главное
#
# - Программа — это набор рычагов (удержание, частота покупок, средний чек, маржа) плюс затраты и отклик;
#   лояльность, персонализация, апсейл и кампании удержания различаются тем, на какие рычаги действуют.
# - На базе, где много клиентов с невысокой ценностью, программа для всех может быть убыточной и при этом
#   окупаться на верхних уровнях: кому её предложить — тоже рычаг.
# - Оценивайте программу за то время, пока длится её эффект, и показывайте, как вывод меняется с
#   горизонтом.
# - Точка безубыточности — предельная стоимость программы на участника после текущих затрат; сравнивайте
#   с ней любую цену подрядчика.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. Why does a retention programme look worthless over a 12-month horizon? Over which horizon would you
#    judge it, and how would you show the verdict to finance?
# 2. A programme offered to everyone loses money; offered to the top tier, it pays. Why? What do you need
#    to target it in practice?
# 3. What is a programme's break-even cost, and how would you use it when a vendor quotes a price?
# 4. Why does the loyalty programme's break-even cost sit well below the extra CLV each member brings?
# 5. Where do the lifts you enter into the simulator come from? What would you do if you had no figure
#    at all?

# %% [markdown] lang="ru" en_hash="72d63dab"
# ## Вопросы для самопроверки
#
# 1. Почему программа удержания на горизонте 12 месяцев выглядит бесполезной? На каком горизонте вы
#    будете её оценивать и как покажете вывод финансистам?
# 2. Программа для всех убыточна, а для верхнего уровня окупается. Почему? Что нужно, чтобы нацелить её
#    на практике?
# 3. Что такое предельная стоимость программы и как вы используете её, когда подрядчик называет цену?
# 4. Почему точка безубыточности программы лояльности намного ниже дополнительного CLV, который приносит
#    каждый участник?
# 5. Откуда берутся эффекты, которые вы вводите в симулятор? Что вы будете делать, если цифры нет вовсе?
