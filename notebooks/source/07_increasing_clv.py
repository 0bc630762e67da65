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
# Every programme that aims to raise customer value — a loyalty scheme, personal offers, better
# service, a win-back campaign, upsell — does it by pulling a few levers: customers stay longer, buy
# more often, spend more per order or bring a higher margin. And every programme costs money. This
# notebook turns programmes into numbers you can defend: the extra CLV, the return on the money and
# the most the programme may cost.
#
# **You will learn**
#
# - which levers each strategy pulls: loyalty programmes, personalisation, service and product
#   quality, satisfaction, retention campaigns, upsell and cross-sell;
# - to compute a programme's uplift, ROI and payback, first on one typical customer, then on a real
#   customer base;
# - to find the break-even cost: the most a programme may cost per participant;
# - to target a programme where the value is, and to try your own with the strategy simulator.

# %% [markdown] lang="ru" en_hash="cf636281"
# Любая программа роста ценности клиентов — программа лояльности, персональные предложения, лучший
# сервис, кампания по возврату, апсейл — работает через несколько рычагов: клиенты дольше остаются,
# чаще покупают, больше тратят за раз или приносят больше маржи. И любая программа стоит денег. В этом
# блокноте мы превратим программы в числа, которые можно защитить: прирост CLV, окупаемость вложений и
# предельную стоимость программы.
#
# **Вы научитесь**
#
# - видеть, на какие рычаги действует каждая стратегия: программы лояльности, персонализация, качество
#   сервиса и продукта, удовлетворённость, кампании удержания, апсейл и кросс-селл;
# - считать прирост CLV, ROI и срок окупаемости программы — сначала для одного типичного клиента,
#   потом на реальной клиентской базе;
# - находить точку безубыточности: сколько программа может стоить на одного участника;
# - направлять программу туда, где ценность, и проверять свои идеи в симуляторе стратегий.

# %%
import dataclasses

import matplotlib.pyplot as plt
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

# %%
per_dollar = ck.datasets.COURSE_RATES[currency]  # units of the currency per dollar of the data: 1 or 100


def priced(name, **overrides):
    """A ready-made programme with its costs in the track's currency (the presets are priced in dollars)."""
    base = ck.strategy.preset(name)
    in_currency = base.with_levers(cost_once=base.cost_once * per_dollar,
                                   cost_per_period=base.cost_per_period * per_dollar)
    return in_currency.with_levers(**overrides) if overrides else in_currency

# %% [markdown] lang="en"
# ## Strategies are bundles of levers
#
# CLV is margin × order value × purchases, added up over the time the customer stays and discounted.
# So there are four levers, plus the cost of pulling them:
#
# - **retention**: fewer customers leave (`churn_change=-0.15` means 15% less churn);
# - **frequency**: customers buy more often (`frequency_change`);
# - **order value**: bigger baskets, through upsell and cross-sell (`aov_change`);
# - **margin**: a better price or cheaper supply (`margin_change`);
# - **cost**: a one-off cost per participant (`cost_once`, a welcome gift, a call) and a running cost
#   per month (`cost_per_period`, points, service), paid for the share of customers who take part
#   (`take_up`).
#
# clvkit ships the course's strategies as presets. Their numbers are **illustrative**: replace them
# with the results of your own tests.

# %% [markdown] lang="ru" en_hash="95478a2e"
# ## Стратегия — это набор рычагов
#
# CLV — это маржа × средний чек × число покупок, сложенные за всё время, пока клиент остаётся, и
# дисконтированные. Значит, рычагов четыре, плюс затраты на то, чтобы на них повлиять:
#
# - **удержание**: меньше клиентов уходит (`churn_change=-0.15` — отток на 15% ниже);
# - **частота покупок**: клиенты покупают чаще (`frequency_change`);
# - **средний чек**: корзины больше благодаря апсейлу и кросс-селлу (`aov_change`);
# - **маржа**: лучшая цена или более дешёвые закупки (`margin_change`);
# - **затраты**: разовые на участника (`cost_once`: приветственный подарок, звонок) и текущие в месяц
#   (`cost_per_period`: баллы, сервис); платим за ту долю клиентов, которая участвует (`take_up`,
#   отклик).
#
# В clvkit стратегии курса заданы готовыми наборами. Их числа — **иллюстрация**: замените их
# результатами своих тестов.

# %%
presets = pd.DataFrame([dataclasses.asdict(priced(name)) for name in ck.strategy.PRESETS])
ck.format_table(presets.set_index("name").drop(columns="description").fillna(""), lang=lang)

# %% [markdown] lang="en"
# | preset | strategy | how it acts |
# |---|---|---|
# | `loyalty_program` | loyalty programme | points and member perks: members stay longer and come back more often |
# | `personalisation` | personalisation | personal offers and timing: more frequent purchases, slightly bigger baskets |
# | `recommendations` | recommendations | product recommendations on site and by e-mail: bigger baskets |
# | `service_quality` | service quality | faster, friendlier service: fewer customers leave |
# | `product_quality` | product quality | better products: a higher price holds, customers stay a little longer |
# | `satisfaction` | customer satisfaction | fixing what unhappy customers complain about: acts through retention, less through frequency |
# | `engagement` | engagement | content and community: acts mostly through purchase frequency |
# | `retention_campaign` | retention (win-back) campaign | an offer to valuable customers at risk of leaving |
# | `upsell_cross_sell` | upsell and cross-sell | bundles, premium versions, related products: bigger orders |
# | `pricing` | a price rise | higher margin, a few customers leave or buy less often |

# %% [markdown] lang="ru" en_hash="0b793dac"
# | набор | стратегия | как действует |
# |---|---|---|
# | `loyalty_program` | программа лояльности | баллы и привилегии: участники дольше остаются и чаще возвращаются |
# | `personalisation` | персонализация | персональные предложения в нужный момент: чаще покупки, чуть больше чек |
# | `recommendations` | рекомендации | рекомендации товаров на сайте и в письмах: больше средний чек |
# | `service_quality` | качество сервиса | быстрее и дружелюбнее обслуживание: меньше оттока |
# | `product_quality` | качество продукта | лучший продукт держит более высокую цену, клиенты остаются чуть дольше |
# | `satisfaction` | удовлетворённость клиентов | устраняем причины недовольства: действует через удержание и меньше — через частоту |
# | `engagement` | вовлечённость | контент и сообщество: действует в основном через частоту покупок |
# | `retention_campaign` | кампания удержания (возврата) | предложение ценным клиентам, которые могут уйти |
# | `upsell_cross_sell` | апсейл и кросс-селл | комплекты, премиальные версии, сопутствующие товары: больше чек |
# | `pricing` | повышение цены | выше маржа, часть клиентов уходит или покупает реже |

# %% [markdown] lang="en"
# ## The teaching version: one typical customer
#
# Start with the formula from notebook 05. A customer who stays brings a margin *m* each year; each
# year a share *r* of customers stays (retention) and money a year from now is worth 1/(1 + *d*) of
# money today. Then
#
# CLV = *m* × *r* / (1 + *d* − *r*)
#
# in words: one year's margin, multiplied by the number of future years the customer is expected to
# pay for (*r* / (1 − *r*) of them, not counting the current year), counted in today's money. Take a typical customer: orders of $40, 4 a year, a 30% margin (so
# *m* = $48), retention 70% and a 10% discount rate; 1,000 such customers are offered the loyalty
# programme.

# %% [markdown] lang="ru" en_hash="045c27b6"
# ## Учебная версия: один типичный клиент
#
# Начнём с формулы из блокнота 05. Оставшийся клиент приносит маржу *m* в год; каждый год остаётся доля
# *r* клиентов (удержание), а деньги через год стоят 1/(1 + *d*) от сегодняшних. Тогда
#
# CLV = *m* × *r* / (1 + *d* − *r*)
#
# иначе говоря: маржа за год, умноженная на ожидаемое число будущих лет, за которые клиент заплатит
# (*r* / (1 − *r*), не считая текущего года), в сегодняшних деньгах. Возьмём типичного клиента: чек 4 000 ₽, 4 покупки в год, маржа 30% (то есть *m* = 4 800 ₽),
# удержание 70% и ставка дисконтирования 10%; программу лояльности предлагают 1 000 таким клиентам.

# %%
typical = dict(aov=40 * per_dollar, purchases_per_period=4, margin=0.3, retention=0.7, discount_rate=0.1)
loyalty = ck.strategy.evaluate_drivers(priced("loyalty_program"), customers=1000, **typical)
figures, digits = loyalty.summary(), {"uplift_pct": 3, "roi": 3, "break_even_cost": 2, "payback_periods": 2}
ck.format_table(pd.Series({k: format_number(v, lang, decimals=digits.get(k, 0)) for k, v in figures.items()},
                          name=figures.name), lang=lang)

# %% [markdown] lang="en"
# The **waterfall** reads from left to right: the value of the 1,000 customers today, what each lever
# adds for the 40% who join, what the programme costs, and the value with the programme.

# %% [markdown] lang="ru" en_hash="8e1f75b9"
# **Каскадная диаграмма** читается слева направо: ценность 1 000 клиентов сейчас, что добавляет каждый
# рычаг для 40% вступивших, сколько стоит программа и какой становится ценность с программой.

# %%
fig, ax = plt.subplots(figsize=(8.0, 4.0))
ax = ck.plots.plot_uplift_waterfall(ck.strategy.waterfall_steps(loyalty), ax=ax, lang=lang)

# %% [markdown] lang="en"
# ## Uplift, ROI, break-even cost and payback
#
# - **Uplift**: the extra CLV of the participants, before (gross) and after (net) the programme's cost.
# - **ROI** (return on investment) = net uplift / programme cost: 1.0 means each dollar spent came back
#   with another dollar on top.
# - **Break-even cost**: the one-off cost per participant at which ROI is exactly 0 — the most the
#   programme may cost. If a supplier quotes more, the programme destroys value.
# - **Payback**: how many periods (here, years) it takes a participant's extra margin to cover the
#   one-off cost.

# %% [markdown] lang="ru" en_hash="7dc37397"
# ## Прирост, ROI, точка безубыточности и срок окупаемости
#
# - **Прирост CLV**: дополнительная ценность участников до вычета затрат на программу (валовой) и
#   после (чистый).
# - **ROI** (окупаемость вложений) = чистый прирост / затраты на программу: 1,0 значит, что каждый
#   вложенный рубль вернулся и принёс ещё один.
# - **Точка безубыточности**: разовые затраты на участника, при которых ROI ровно 0, — предельная
#   стоимость программы. Если подрядчик просит больше, программа уничтожает ценность.
# - **Срок окупаемости**: за сколько периодов (здесь — лет) дополнительная маржа участника покроет
#   разовые затраты.

# %%
print(tr(en="ROI:", ru="ROI:"), format_percent(loyalty.roi, lang))
print(tr(en="Break-even one-off cost per participant:",
         ru="Предельные разовые затраты на участника:"), format_money(loyalty.break_even_cost, lang))
print(tr(en="Payback, years:",
         ru="Срок окупаемости, лет:"), format_number(loyalty.payback_periods, lang, decimals=2))

# %% [markdown] lang="en"
# ## Which lever is strongest, in theory
#
# Move each lever by 10% in its good direction for the same typical customer. The classic result
# (Reichheld & Sasser 1990; Gupta, Lehmann & Stuart 2004) shows: retention wins, because a customer
# who stays longer brings every future margin, year after year.

# %% [markdown] lang="ru" en_hash="b05ffbc5"
# ## Какой рычаг сильнее — в теории
#
# Сдвинем каждый рычаг на 10% в нужную сторону для того же типичного клиента. Классический результат
# (Reichheld & Sasser 1990; Gupta, Lehmann & Stuart 2004) подтверждается: выигрывает удержание, потому
# что клиент, который остаётся дольше, приносит всю будущую маржу, год за годом.

# %%
ten_percent = {
    tr(en="retention",
       ru="удержание"): dict(churn_change=-0.1), tr(en="frequency",
                                                    ru="частота"): dict(frequency_change=0.1),
    tr(en="order value",
       ru="средний чек"): dict(aov_change=0.1), tr(en="margin",
                                                   ru="маржа"): dict(margin_change=0.1),
}
uplift = {lever: ck.strategy.evaluate_drivers(ck.strategy.Strategy(**change), **typical).gross_uplift
          for lever, change in ten_percent.items()}
ck.format_table(pd.Series(uplift, name=tr(en="CLV uplift per customer, $", ru="прирост CLV на клиента, ₽")).round(2),
                lang=lang)

# %% [markdown] lang="en"
# ## The real version: CDNOW customers
#
# Real customers are not all typical. The **strategy simulator** applies the levers to each CDNOW
# customer's own prediction from the BG/NBD and Gamma-Gamma models (notebook 06): a customer's history,
# and so the chance that they are still active, stays as it is, and the programme changes what they do
# from now on. We judge programmes over the next **36 months** at a 30% margin: a programme that keeps
# customers runs for years, and a one-year window would count its cost in full but only one year of
# what it keeps (a table below shows how the verdict moves with the horizon). Customers are
# labelled with their CLV tier of notebook 08 so that programmes can target a tier.

# %% [markdown] lang="ru" en_hash="93d81aba"
# ## Реальная версия: клиенты CDNOW
#
# Реальные клиенты далеко не все типичны. **Симулятор стратегий** применяет рычаги к прогнозу каждого
# клиента CDNOW по моделям BG/NBD и Gamma-Gamma (блокнот 06): история клиента, а значит, и вероятность
# того, что он ещё активен, остаются как есть, а программа меняет его поведение с этого момента.
# Оцениваем программы на ближайшие **36 месяцев** при марже 30%: программа, которая удерживает
# клиентов, работает годами, а окно в один год учло бы её затраты целиком, но лишь один год того, что
# она сохраняет (таблица ниже покажет, как вывод зависит от горизонта). Клиентов помечаем уровнем CLV
# из блокнота 08, чтобы направлять программы на нужный уровень.
# Суммы CDNOW и цены готовых программ записаны в долларах, здесь они пересчитаны в рубли по условному
# курсу 100 ₽ за доллар.

# %%
summary = ck.datasets.load_cdnow_summary(currency=currency)
bgnbd = BGNBD().fit(summary)
gg = GammaGamma().fit(summary)
clv = ck.customer_lifetime_value(bgnbd, gg, summary, horizon="12 months",
                                 annual_discount_rate=0.1, margin=0.3)["clv"]
tiers = ck.segments.clv_tiers(clv)
HORIZON = "36 months"
sim = ck.strategy.StrategySimulator(bgnbd, gg, summary, horizon=HORIZON,
                                    annual_discount_rate=0.1, margin=0.3, segments=tiers)
print(tr(en="Value of the base, next 36 months:",
         ru="Ценность базы за 36 месяцев:"), format_money(sim.base_clv_.sum(), lang, decimals=0))
print(tr(en="Average per customer:",
         ru="В среднем на клиента:"), format_money(sim.base_clv_.mean(), lang, decimals=0))

# %% [markdown] lang="en"
# Now offer every preset to the whole base (the retention campaign too, instead of its usual target):

# %% [markdown] lang="ru" en_hash="204ea143"
# Предложим каждую готовую стратегию всей базе (и кампанию удержания тоже, вместо её обычной целевой
# группы):

# %%
everyone = [sim.evaluate(priced(name, target=None)).summary() for name in ck.strategy.PRESETS]
digits = {"participants": 0, "gross_uplift": 0, "program_cost": 0, "net_uplift": 0, "roi": 2,
          "break_even_cost": 2}
ck.format_table(pd.DataFrame(everyone)[list(digits)].round(digits), lang=lang)

# %% [markdown] lang="en"
# A sobering table: offered to everyone, most programmes **lose money**. An average CDNOW customer is
# worth only a few dollars of margin a year, so a $5 enrolment cost or a $1 monthly reward eats more
# than the programme adds. An empty (NaN) break-even cost means that the running costs alone exceed the
# uplift, so no one-off price can make the programme pay. Only cheap programmes pay: recommendations,
# and a price rise, which costs nothing and so has no ROI (NaN; a return on no money is not a number):
# judge it by its net uplift. Before cutting the budget, though, look at **who** gets the offer.

# %% [markdown] lang="ru" en_hash="d476e648"
# Отрезвляющая таблица: если предлагать всем, большинство программ **убыточны**. Средний клиент CDNOW
# приносит лишь несколько сотен рублей маржи в год, поэтому 500 ₽ за вступление или 100 ₽ бонусов в месяц
# съедают больше, чем программа добавляет. Пустая (NaN) точка безубыточности значит, что одни текущие
# затраты уже больше прироста и никакая разовая цена программу не окупит. Окупаются только дешёвые
# программы: рекомендации и повышение цены, которое ничего не стоит и потому не имеет ROI (NaN: доходность
# на нулевые вложения — не число); его оценивают по чистому приросту. Но прежде чем резать бюджет,
# посмотрите, **кому** сделано предложение.

# %% [markdown] lang="en"
# ## Target the programme where the value is
#
# The same programmes offered to one CLV tier at a time. The table shows the ROI (a fraction; NaN for
# the price rise, which costs nothing):

# %% [markdown] lang="ru" en_hash="594e5c45"
# ## Направьте программу туда, где ценность
#
# Те же программы, предложенные каждому уровню CLV по отдельности. В таблице — ROI (доля; NaN у
# повышения цены, которое ничего не стоит):

# %%
roi = pd.DataFrame({
    tier: {name: sim.evaluate(priced(name, target=tier), payback=False).roi
           for name in ck.strategy.PRESETS}
    for tier in tiers.cat.categories
})
ck.format_table(roi.rename(columns=lambda tier: ck.plots.segment_name(tier, lang)).round(2), lang=lang)

# %% [markdown] lang="en"
# Most programmes that lose money on the whole base pay off on the top 1% and often on the top 1-5%:
# the value they act on is concentrated there (notebook 08). Targeting is itself a lever.

# %% [markdown] lang="ru" en_hash="e88fd4ac"
# Большинство программ, убыточных на всей базе, окупаются на верхнем 1% и часто на топ 1–5%: ценность,
# на которую они действуют, сосредоточена там (блокнот 08). Выбор целевой группы — тоже рычаг.

# %% [markdown] lang="en"
# ## How long to judge a programme
#
# A programme's one-off cost is paid at once, while what it keeps brings value in every later year. Judged over too short a horizon, a programme that keeps
# customers looks worthless. `ck.strategy.horizon_table` evaluates the programmes over several horizons;
# here is the net uplift of each, offered to the top 1-5% tier, judged over one to five years:

# %% [markdown] lang="ru" en_hash="93e47033"
# ## За какой срок оценивать программу
#
# Разовые затраты программы платятся сразу, а то, что она сохраняет, приносит ценность и во все
# следующие годы. На слишком коротком горизонте программа, которая
# удерживает клиентов, выглядит бесполезной. `ck.strategy.horizon_table` оценивает программы на
# нескольких горизонтах; вот чистый прирост каждой программы для уровня топ 1–5% при оценке за срок от
# одного года до пяти лет:

# %%
by_horizon = ck.strategy.horizon_table(bgnbd, gg, summary,
                                       [priced(name, target="top 1-5%") for name in ck.strategy.PRESETS],
                                       horizons=["12 months", "24 months", "36 months", "60 months"],
                                       annual_discount_rate=0.1, margin=0.3, segments=tiers)
by_horizon.columns = tr(en=["1 year", "2 years", "3 years", "5 years"], ru=["1 год", "2 года", "3 года", "5 лет"])
ck.format_table(by_horizon.round(0).astype(int), lang=lang)

# %% [markdown] lang="en"
# Read across a row. The win-back campaign loses money if judged over one or two years and pays over
# three: its effect, customers who stay, keeps paying long after its cost is spent. Programmes with a
# running cost (loyalty, service) pay it every month a participant stays, so a longer view does not
# rescue them here. Choose the horizon the programme will really run for, agreed with finance, and show
# this table with the result: a verdict that flips between one and three years rests on how long the
# effect lasts, which a test should check.

# %% [markdown] lang="ru" en_hash="f2095c1a"
# Читайте таблицу по строкам. Кампания по возврату клиентов убыточна, если оценивать её за один-два
# года, и окупается за три: её эффект — оставшиеся клиенты — приносит деньги ещё долго после того, как
# затраты сделаны. Программы с текущими затратами (лояльность, сервис) платят их каждый месяц, пока
# участник с нами, поэтому здесь более длинный горизонт их не спасает. Выбирайте горизонт, на который
# программа действительно рассчитана, согласовав его с финансистами, и показывайте вместе с результатом
# эту таблицу: вывод, который меняется между одним и тремя годами, держится на том, как долго длится
# эффект, а это стоит проверить тестом.

# %% [markdown] exercise="07.1"
# *Exercise 07.1: the question and the answer cell are written from clvkit/_exercises/nb09.py.*

# %% exercise="07.1"
# the answer cell of exercise 07.1 is written from clvkit/_exercises/nb09.py

# %% [markdown] lang="en"
# ## Find the most a programme may cost
#
# Suppose the upsell and cross-sell programme (bundles, premium versions) is offered to the top 1-5%
# tier. How much may it cost per participant? Net uplift falls one-for-one with the cost per
# participant; the **break-even cost** is where it crosses zero.

# %% [markdown] lang="ru" en_hash="eb93d637"
# ## Сколько программа может стоить
#
# Допустим, программу апсейла и кросс-селла (комплекты, премиальные версии) предлагают уровню топ
# 1–5%. Сколько она может стоить на участника? Чистый прирост падает ровно на столько, на сколько растут
# затраты на участника; **точка безубыточности** — там, где он пересекает ноль.

# %%
upsell = priced("upsell_cross_sell", target="top 1-5%")
result = sim.evaluate(upsell)
print(tr(en="ROI at $3 per participant:", ru="ROI при 300 ₽ на участника:"), format_percent(result.roi, lang))
print(tr(en="Break-even cost per participant:",
         ru="Предельные затраты на участника:"), format_money(result.break_even_cost, lang))
print(tr(en="Payback, months:",
         ru="Срок окупаемости, месяцев:"), format_number(result.payback_periods, lang, decimals=1))
at_break_even = sim.evaluate(upsell.with_levers(cost_once=result.break_even_cost))
print(tr(en="Net uplift at the break-even cost:",
         ru="Чистый прирост в точке безубыточности:"), format_money(at_break_even.net_uplift, lang, decimals=0))

# %%
costs = np.arange(0.0, 12.5, 0.5) * per_dollar
net = [sim.evaluate(upsell.with_levers(cost_once=c), payback=False).net_uplift for c in costs]
ax = pd.Series(net, index=costs).plot(figsize=(6.4, 4.0), color="tab:blue", lw=2)
ax.axhline(0.0, color="0.4", lw=1)
ax.axvline(result.break_even_cost, color="tab:red", ls=":", label=tr(en="break-even cost",
                                                                     ru="точка безубыточности"))
ax.set_xlabel(tr(en="One-off cost per participant ($)", ru="Разовые затраты на участника, ₽"))
ax.set_ylabel(tr(en="Net CLV uplift ($)", ru="Чистый прирост CLV, ₽"))
ax.set_title(tr(en="Upsell programme for the top 1-5%", ru="Апсейл для топ 1–5%"))
legend = ax.legend(frameon=False)

# %% [markdown] exercise="07.2"
# *Exercise 07.2: the question and the answer cell are written from clvkit/_exercises/nb09.py.*

# %% exercise="07.2"
# the answer cell of exercise 07.2 is written from clvkit/_exercises/nb09.py

# %% [markdown] lang="en"
# ## Retention campaigns and upsell on the target lists
#
# Notebook 08 built two lists: valuable customers whose P(alive) is falling (retention) and frequent
# buyers with small baskets (upsell). Run the matching campaign on exactly the customers of each list:
# a simulator built on the list's rows.

# %% [markdown] lang="ru" en_hash="f1acee95"
# ## Кампании удержания и апсейла по спискам
#
# В блокноте 08 мы собрали два списка: ценные клиенты с падающей P(alive) (удержание) и частые
# покупатели с маленьким чеком (апсейл). Запустим подходящую кампанию ровно на клиентах каждого
# списка: симулятор строится по строкам списка.

# %%
customers = summary.assign(clv=clv, p_alive=bgnbd.probability_alive(summary))
lists = {"retention_campaign": ck.segments.retention_targets(customers),
         "upsell_cross_sell": ck.segments.upsell_targets(customers)}
campaigns = {}
for name, targets in lists.items():
    on_list = ck.strategy.StrategySimulator(bgnbd, gg, summary.loc[targets.index], horizon=HORIZON,
                                            annual_discount_rate=0.1, margin=0.3)
    campaigns[name] = on_list.evaluate(priced(name, target=None)).summary()
digits = {"targeted": 0, "participants": 0, "net_uplift": 0, "roi": 2, "break_even_cost": 2}
ck.format_table(pd.DataFrame(campaigns).T[list(digits)].round(digits), lang=lang)

# %% [markdown] lang="en"
# Over three years the upsell campaign on its list pays at its preset $3 per participant, while the
# $10 win-back offer still costs more than it adds: the break-even column says how much cheaper it must
# be. Keep in mind
# what the simulator assumes: the programme changes behaviour **from now on**; it cannot bring back a
# customer who has already left. A win-back offer that does bring lapsed customers back is worth more —
# measure it with a test group before you scale it.

# %% [markdown] lang="ru" en_hash="ec9c2162"
# За три года кампания апсейла на своём списке окупается при заданных 300 ₽ на участника, а предложение
# о возврате за 1 000 ₽ по-прежнему обходится дороже, чем добавляет: столбец точки безубыточности
# показывает, насколько дешевле оно должно быть. Помните, что предполагает симулятор: программа меняет поведение **с этого
# момента**; вернуть клиента, который уже ушёл, она не может. Предложение, которое действительно
# возвращает ушедших, стоит больше — измерьте его на тестовой группе, прежде чем масштабировать.

# %% [markdown] exercise="07.3"
# *Exercise 07.3: the question and the answer cell are written from clvkit/_exercises/nb09.py.*

# %% exercise="07.3"
# the answer cell of exercise 07.3 is written from clvkit/_exercises/nb09.py

# %% [markdown] lang="en"
# ## The strategy simulator
#
# Move the levers, the cost per participant, the take-up and the target tier, and watch the net uplift,
# ROI and break-even cost of the CDNOW base change. Try the "rest" tier: how cheap must a programme be
# to pay off there?

# %% [markdown] lang="ru" en_hash="57a729c4"
# ## Симулятор стратегий
#
# Двигайте рычаги, затраты на участника, отклик и целевой уровень и смотрите, как меняются чистый
# прирост, ROI и точка безубыточности на базе CDNOW. Попробуйте уровень «остальные»: насколько дешёвой
# должна быть программа, чтобы окупиться там?

# %% tags=["nbval-ignore-output"]
ck.widgets.StrategySimulator(sim, cost_once=0.5 * per_dollar, cost_max=50 * per_dollar, currency=currency, lang=lang)

# %% [markdown] lang="en"
# ## Key takeaways
#
# - A strategy is a bundle of levers — retention, frequency, order value, margin — plus its cost and
#   take-up; loyalty, personalisation, service, satisfaction, win-back and upsell differ in which
#   levers they pull.
# - ROI = net uplift / cost; the break-even cost is the most a programme may cost per participant.
# - In theory retention is the strongest lever; on a real base, where many customers have already left,
#   order value and frequency can win.
# - Judge a programme over the horizon it will run for, and show how the verdict changes with the
#   horizon: what retention keeps pays late.
# - Offered to everyone, most programmes lose money on a low-value base; targeted at the top tiers,
#   many pay off.

# %% [markdown] lang="ru" en_hash="a36f399b"
# ## Главное
#
# - Стратегия — это набор рычагов (удержание, частота покупок, средний чек, маржа) плюс затраты и
#   отклик; лояльность, персонализация, сервис, удовлетворённость, возврат клиентов и апсейл
#   различаются тем, на какие рычаги они действуют.
# - ROI = чистый прирост / затраты; точка безубыточности — предельная стоимость программы на участника.
# - В теории удержание — самый сильный рычаг; на реальной базе, где многие клиенты уже ушли, могут
#   выиграть средний чек и частота покупок.
# - Оценивайте программу на том горизонте, на который она рассчитана, и показывайте, как вывод меняется
#   с горизонтом: то, что сохраняет удержание, окупается поздно.
# - Если предлагать всем, большинство программ на базе с невысокой ценностью убыточны, а из направленных
#   на верхние уровни многие окупаются.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. Why does a retention programme look worthless over a 12-month horizon? Over which horizon would
#    you judge it, and how would you show the verdict to finance?
# 2. A programme offered to everyone loses money; offered to the top tier, it pays. Why? What do you
#    need to target it in practice?
# 3. What is a programme's break-even cost, and how would you use it when a vendor quotes a price?
# 4. Where do the lifts you enter into the simulator come from? What would you do if you had no
#    figure at all?

# %% [markdown] lang="ru" en_hash="80d399d6"
# ## Вопросы для самопроверки
#
# 1. Почему программа удержания на горизонте 12 месяцев выглядит бесполезной? На каком горизонте вы
#    будете её оценивать и как покажете вердикт финансистам?
# 2. Программа для всех убыточна, а для верхнего уровня окупается. Почему? Что нужно, чтобы нацелить
#    её на практике?
# 3. Что такое предельная стоимость программы и как вы используете её, когда подрядчик называет
#    цену?
# 4. Откуда берутся эффекты, которые вы вводите в симулятор? Что вы будете делать, если цифры нет
#    вовсе?
