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
# Marketers and product managers in Russian companies work out what a customer brings and what he
# may cost with **unit economics** (юнит-экономика): a funnel of a dozen metrics from the users an
# advertising campaign brings in to the profit they leave. It answers the questions CLV answers, in
# other words. This notebook puts the two side by side on one month of advertising of an online store
# that sells on its own site and on marketplaces. The store and its figures are **synthetic**
# (invented for the course, shaped like such a business), and the money is in roubles.
#
# **You will learn**
#
# - the unit-economics funnel (UA, C1, AvP, COGS, APC, ARPPU, ARPU, CPA, CAC, CM, ROMI) with its
#   usual definitions;
# - how much you can pay for a user (a ceiling on CPA) at break-even and at a target ROMI;
# - how each metric maps onto CLV: APC is what the predictive models estimate, ARPPU is an
#   undiscounted CLV;
# - what unit economics leaves out (retention and discounting) and when that changes a decision.

# %% [markdown] lang="ru" en_hash="580ebfe7"
# Маркетологи и продакт-менеджеры в российских компаниях считают, сколько приносит клиент и сколько
# можно заплатить за его привлечение, с помощью **юнит-экономики**: воронки из десятка метрик — от
# пользователей, которых привела реклама, до прибыли, которую они приносят. Она отвечает на те же
# вопросы, что и CLV, только другими словами. В этом блокноте мы поставим их рядом на примере месяца
# рекламы интернет-магазина, который продаёт на своём сайте и на маркетплейсах. Магазин и его цифры
# **синтетические** (придуманы для курса по образцу такого бизнеса), деньги — в рублях.
#
# **Вы научитесь**
#
# - считать воронку юнит-экономики (UA, C1, AvP, COGS, APC, ARPPU, ARPU, CPA, CAC, CM, ROMI) в
#   привычных определениях;
# - определять, сколько можно платить за пользователя (потолок CPA) в точке безубыточности и при
#   целевом ROMI;
# - связывать каждую метрику с CLV: APC — это то, что оценивают прогнозные модели, а ARPPU — это CLV
#   без дисконтирования;
# - видеть, чего юнит-экономика не учитывает (удержание и дисконтирование) и когда это меняет решение.

# %%
import pandas as pd
import clvkit as ck
from clvkit import teach
from clvkit import unit_economics as ue
from clvkit.i18n import format_money, format_number, format_percent

ck.set_language(tr(en="en", ru="ru"))
ck.set_currency("RUB")
lang = ck.get_language()
pd.set_option("display.max_colwidth", None)

# %% [markdown] lang="en"
# ## The funnel in one table
#
# Unit economics follows one **cohort** (the users one campaign or one month of advertising brought
# in) down the funnel:
#
# ```
# UA users ──× C1──▶ buyers ──× APC──▶ purchases ──× (AvP − COGS)──▶ margin ── − UA × CPA ──▶ CM
# ```
#
# Each step is one metric. The definitions below are the ones Russian product and marketing teams
# use. Note that ARPPU and ARPU are **margins** here, after the cost of goods, not revenue.

# %% [markdown] lang="ru" en_hash="7f3a365e"
# ## Воронка в одной таблице
#
# Юнит-экономика ведёт одну **когорту** (пользователей, которых привела одна кампания или один месяц
# рекламы) по воронке:
#
# ```
# UA пользователей ──× C1──▶ покупатели ──× APC──▶ покупки ──× (AvP − COGS)──▶ маржа ── − UA × CPA ──▶ CM
# ```
#
# Каждый шаг — одна метрика. Ниже — определения в том виде, в каком ими пользуются российские
# продуктовые и маркетинговые команды. Обратите внимание: ARPPU и ARPU здесь — это **маржа** после
# вычета себестоимости, а не выручка.

# %%
ue.metric_meanings(lang)

# %% [markdown] lang="en"
# ## One cohort
#
# One month of the store's advertising, in the six inputs of the funnel:
#
# | input | value | meaning | where the figure comes from |
# |---|---|---|---|
# | UA | 10,000 | users brought in by the month's advertising | ad accounts, web analytics |
# | C1 | 4% | the share of them who buy | orders matched to users (CRM) |
# | AvP | 2,500 ₽ | the average order | revenue / orders |
# | COGS | 1,500 ₽ | goods, delivery and marketplace fee per order | purchase prices, logistics, marketplace reports |
# | APC | 1.8 | orders per buyer over 12 months, the first included | past cohorts' orders, or a predictive model (below) |
# | CPA | 80 ₽ | the cost of one user in the current ad channel | ad spend / UA |

# %% [markdown] lang="ru" en_hash="24468d7d"
# ## Одна когорта
#
# Месяц рекламы магазина в шести входных метриках воронки:
#
# | метрика | значение | что это | откуда взять |
# |---|---|---|---|
# | UA | 10 000 | пользователи, которых привела реклама за месяц | рекламные кабинеты, веб-аналитика |
# | C1 | 4 % | доля тех, кто купил | заказы, сопоставленные с пользователями (CRM) |
# | AvP | 2 500 ₽ | средний чек | выручка / число заказов |
# | COGS | 1 500 ₽ | товар, доставка и комиссия маркетплейса на один заказ | закупочные цены, логистика, отчёты маркетплейсов |
# | APC | 1,8 | заказов на покупателя за 12 месяцев, включая первый | заказы прошлых когорт или прогнозная модель (ниже) |
# | CPA | 80 ₽ | стоимость одного пользователя в текущем рекламном канале | рекламный бюджет / UA |

# %%
COHORT = dict(ua=10_000, c1=0.04, avp=2500, cogs=1500, apc=1.8, cpa=80)
cohort = ue.unit_economics(**COHORT)
cohort.describe(lang, decimals=0).iloc[:, :2]

# %% [markdown] lang="en"
# By hand: ARPPU = (2,500 − 1,500) × 1.8 = 1,800 ₽ a buyer, and ARPU = 4% × 1,800 = 72 ₽ a user. But
# a user costs 80 ₽: each one loses 8 ₽, the month loses 10,000 × (72 − 80) = −80,000 ₽, and ROMI is
# −10%. A buyer costs CAC = 80 / 4% = 2,000 ₽ and leaves only 1,800 ₽.
#
# ## Channels side by side
#
# The same function takes one value per channel (the columns of a table) and returns every metric
# per channel. Here are three channels of the store in the same month: search ads, social networks,
# and the store's ads inside a marketplace, where buyers come cheap but leave a small margin after
# the fee.

# %% [markdown] lang="ru" en_hash="7a018e99"
# Вручную: ARPPU = (2 500 − 1 500) × 1,8 = 1 800 ₽ с покупателя, ARPU = 4 % × 1 800 = 72 ₽ с
# пользователя. Но пользователь стоит 80 ₽: магазин теряет на каждом 8 ₽, а за месяц —
# 10 000 × (72 − 80) = −80 000 ₽, ROMI равен −10 %. Покупатель обходится в CAC = 80 / 4 % = 2 000 ₽,
# а оставляет только 1 800 ₽.
#
# ## Каналы рядом
#
# Та же функция принимает по одному значению на канал (столбцы таблицы) и возвращает все метрики по
# каждому каналу. Вот три канала магазина за тот же месяц: поисковая реклама, соцсети и реклама
# внутри маркетплейса, где покупатели обходятся дёшево, но после комиссии оставляют небольшую маржу.

# %%
channels = pd.DataFrame(
    {"ua": [5_000, 15_000, 20_000], "c1": [0.05, 0.02, 0.06], "avp": [2500, 2200, 2000],
     "cogs": [1500, 1400, 1500], "apc": [1.8, 1.5, 1.4], "cpa": [70, 30, 35]},
    index=pd.Index(tr(en=["search", "social", "marketplace"], ru=["поиск", "соцсети", "маркетплейс"]),
                   name=tr(en="channel", ru="канал")),
)
by_channel = ue.unit_economics(**channels)
by_channel.describe(lang, decimals=0).iloc[:, 1:-1].set_axis(channels.index, axis=1)

# %%
ax = ck.plots.plot_ltv_cac(by_channel.to_frame(), ltv="arppu", cac="cac", target_ratio=1, lang=lang)

# %% [markdown] lang="en"
# Search earns the most per rouble spent (ROMI 28.6%), the marketplace the most in total (140,000 ₽
# from 1,200 buyers who leave only 700 ₽ each), and social networks lose 90,000 ₽: their users are
# cheap, but few of them buy, and those who do buy little. The chart sets ARPPU, the value of a buyer
# as unit economics counts it (the LTV bar), against CAC; the figure above each pair is ARPPU / CAC.
#
# ## How much can we pay for a user?
#
# The contribution margin is zero when a user costs exactly what he brings: the **break-even CPA**
# is ARPU. A team that wants a return on its spend aims lower: for a target ROMI,
# CPA ≤ ARPU / (1 + ROMI) (`ue.max_cpa`). Since ARPPU / CAC = 1 + ROMI, ROMI is LTV:CAC − 1 with
# ARPPU in the place of LTV. "ARPPU > CAC" is an LTV:CAC above one, which is only break-even, and
# the 3:1 target of the notebook "Why CLV matters" is a ROMI of 200%. For our cohort:

# %% [markdown] lang="ru" en_hash="f9283c26"
# Больше всего на вложенный рубль зарабатывает поиск (ROMI 28,6 %), больше всего в сумме —
# маркетплейс (140 000 ₽ с 1 200 покупателей, каждый из которых оставляет лишь 700 ₽), а соцсети
# теряют 90 000 ₽: пользователи там дешёвые, но покупают немногие, да и те понемногу. На графике ARPPU —
# ценность покупателя по юнит-экономике (столбец LTV) — стоит рядом с CAC; число над каждой парой —
# ARPPU / CAC.
#
# ## Сколько можно платить за пользователя?
#
# Маржинальная прибыль равна нулю, когда пользователь стоит ровно столько, сколько приносит:
# **предельный CPA** в точке безубыточности равен ARPU. Команда, которая хочет заработать на
# вложениях, целится ниже: при целевом ROMI должно быть CPA ≤ ARPU / (1 + ROMI) (`ue.max_cpa`). Поскольку
# ARPPU / CAC = 1 + ROMI, ROMI — это LTV:CAC − 1, где на месте LTV стоит ARPPU. «ARPPU > CAC»
# означает LTV:CAC больше единицы, то есть всего лишь безубыточность, а целевое соотношение 3:1 из
# блокнота «Почему CLV важен» — это ROMI 200 %. Для нашей когорты:

# %%
break_even = ue.max_cpa(c1=cohort.c1, arppu=cohort.arppu)
three_to_one = ue.max_cpa(c1=cohort.c1, arppu=cohort.arppu, target_romi=2.0)
print(tr(en="Break-even CPA (ROMI 0%):", ru="Предельный CPA при ROMI 0 %:"),
      format_money(break_even, lang, decimals=0))
print(tr(en="Highest CPA at LTV:CAC 3:1 (ROMI 200%):", ru="Предельный CPA при LTV:CAC 3:1 (ROMI 200 %):"),
      format_money(three_to_one, lang, decimals=0))
print(tr(en="C1 at which 80 ₽ a user breaks even:", ru="C1, при которой 80 ₽ за пользователя окупаются:"),
      format_percent(cohort.cpa / cohort.arppu, lang))

# %% [markdown] lang="en"
# At 80 ₽ the store pays more than even the break-even price. The ceiling also works the other way
# round, as a target for the funnel: for 80 ₽ a user to pay, ARPU must reach 80 ₽, so C1 must rise to
# 4.4% at the same ARPPU, or ARPPU to 2,000 ₽ (the CAC) at the same C1. This is how the value of a
# customer sets conversion targets.

# %% [markdown] lang="ru" en_hash="92fca8f4"
# По 80 ₽ магазин платит больше, чем позволяет даже точка безубыточности. Потолок работает и в
# обратную сторону, как цель для воронки: чтобы 80 ₽ за пользователя окупались, ARPU должен дорасти до
# 80 ₽, то есть C1 — до 4,4 % при том же ARPPU или ARPPU — до 2 000 ₽ (это CAC) при той же C1. Так
# ценность клиента задаёт цели по конверсии.

# %% [markdown] exercise="12.1"
# *Exercise 12.1: the question and the answer cell are written from clvkit/_exercises/nb12.py.*

# %% exercise="12.1"
# the answer cell of exercise 12.1 is written from clvkit/_exercises/nb12.py

# %% [markdown] exercise="12.2"
# *Exercise 12.2: the question and the answer cell are written from clvkit/_exercises/nb12.py.*

# %% exercise="12.2"
# the answer cell of exercise 12.2 is written from clvkit/_exercises/nb12.py

# %% [markdown] lang="en"
# ## From unit economics to CLV: APC from a model
#
# APC is the one input of the funnel that is about the future: how many purchases a buyer will make
# over the horizon. Teams usually take it from past cohorts. The predictive models of the course
# estimate exactly this: for a new buyer, APC = 1 (the first purchase, the one C1 counts) + the
# repeat purchases a BG/NBD model expects over 12 months. Below: a year of purchases of 3,000 of the
# store's buyers (synthetic, drawn by `ck.simulate` from a BG/NBD model with known parameters), the
# model fitted to them, and APC read from the model.

# %% [markdown] lang="ru" en_hash="be2c5939"
# ## От юнит-экономики к CLV: APC из модели
#
# APC — единственная входная метрика воронки, которая говорит о будущем: сколько покупок сделает
# покупатель за горизонт расчёта. Обычно её берут из прошлых когорт. Прогнозные модели курса
# оценивают ровно это: для нового покупателя APC = 1 (первая покупка, та, которую считает C1) +
# повторные покупки, которые модель BG/NBD ожидает за 12 месяцев. Ниже — год покупок 3 000
# покупателей магазина (синтетических: их сгенерировал `ck.simulate` по модели BG/NBD с известными
# параметрами), модель, обученная на них, и APC по этой модели.

# %%
history = ck.simulate.simulate_bgnbd(3000, r=0.4, alpha=22, a=0.7, b=3.0, T=52, time_unit="W", seed=12)
model = ck.models.BGNBD().fit(history)
apc_new = ue.apc_from_model(model, horizon="12 months")
apc_each = ue.apc_from_model(model, horizon="12 months", summary=history)
print(tr(en="APC of a new buyer over 12 months:", ru="APC нового покупателя за 12 месяцев:"),
      format_number(apc_new, lang, decimals=2))
print(tr(en="Existing buyers, purchases expected in the next 12 months: median",
         ru="Ожидаемые покупки существующих покупателей за следующие 12 месяцев: медиана"),
      format_number(apc_each.median(), lang, decimals=2))
print(tr(en="The best 10% of existing buyers: more than", ru="Лучшие 10 % существующих покупателей: больше"),
      format_number(apc_each.quantile(0.9), lang, decimals=2))

# %% [markdown] lang="en"
# The model expects 1.72 purchases of a new buyer over 12 months, a little less than the 1.8 of the
# plan, and ARPPU = (AvP − COGS) × APC is then the CLV of a buyer over 12 months without discounting.
# For each existing buyer the model gives his own expected purchases in the next 12 months (his first
# purchase is in the past): 0.26 for the median buyer, more than 1.13 for the best tenth. Unit
# economics worked out customer by customer is CLV. BG/NBD lets buyers drop out, so an APC taken from
# it already has churn in it.
#
# ## What unit economics leaves out
#
# Unit economics counts a buyer's purchases at face value, as if every buyer stayed for the whole
# horizon and a rouble next year were worth a rouble today. CLV puts the same purchases on a time line.
# Take the plan's 1.8 orders as what a buyer makes if he stays all year: the first now, the other 0.8
# spread over 12 months. Then keep only the buyers still there (85% stay each month) and discount at
# 20% a year. `ue.compare_with_clv` does the three steps:

# %% [markdown] lang="ru" en_hash="48fc5e74"
# Модель ожидает от нового покупателя 1,72 покупки за 12 месяцев — чуть меньше, чем 1,8 в плане. С APC
# из модели ARPPU = (AvP − COGS) × APC — это CLV покупателя за 12 месяцев без дисконтирования. Для каждого
# существующего покупателя модель даёт его собственное ожидаемое число покупок в следующие 12 месяцев
# (первая покупка уже в прошлом): 0,26 у медианного покупателя и больше 1,13 у лучших 10 %.
# Юнит-экономика, посчитанная по каждому клиенту, — это и есть CLV. Модель BG/NBD учитывает, что
# покупатели уходят, поэтому в APC из модели отток уже заложен.
#
# ## Чего не видит юнит-экономика
#
# Юнит-экономика складывает покупки по номиналу, как будто каждый покупатель остаётся до конца
# горизонта, а рубль через год стоит столько же, сколько сегодня. CLV раскладывает те же покупки во
# времени. Пусть 1,8 заказа из плана — это то, что покупатель делает, если остаётся с магазином весь
# год: первый заказ сразу, остальные 0,8 — равномерно за 12 месяцев. Оставим только тех, кто ещё
# покупает (каждый месяц остаются 85 %), и продисконтируем по ставке 20 % в год. `ue.compare_with_clv`
# делает все три шага:

# %%
d = ck.units.rate_per_unit(0.20, "M")
views = ue.compare_with_clv(avp=2500, cogs=1500, apc=1.8, periods=12, retention=0.85, discount_rate=d,
                            cac=cohort.cac, lang=lang).set_index("name")
of_arppu = tr(en="of ARPPU", ru="от ARPPU")
for name, row in views.iterrows():
    print(f"{name}: {format_money(row['value'], lang, decimals=0)} "
          f"({format_percent(row['share_of_arppu'], lang, decimals=0)} {of_arppu}), "
          f"LTV:CAC {format_number(row['ltv_cac'], lang, decimals=2)}")

# %%
ax = ck.plots.plot_ltv_cac(views.assign(cac=cohort.cac), ltv="value", cac="cac", target_ratio=1, lang=lang)
ax.set_title(tr(en="One buyer: his value three ways, against CAC",
                ru="Один покупатель: ценность в трёх расчётах и CAC"))
ax.xaxis.label.set_visible(False)

# %% [markdown] lang="en"
# The buyer unit economics values at 1,800 ₽ is worth 1,302 ₽ once churn and time are counted, 72%
# of ARPPU, and at a CAC of 2,000 ₽ his LTV:CAC falls from 0.90 to 0.65. The first purchase is
# untouched: it happens now, and it is what made him a buyer. The repeat purchases shrink, because
# some buyers are gone before they make them and the later ones are worth less today. So unit
# economics overrates the levers that add repeat purchases (APC) against those that add first
# purchases (C1), the more so the lower the retention. When APC comes from a model, churn is already
# in it: pass `retention=1`, and only the discounting is added.

# %% [markdown] lang="ru" en_hash="d73a646d"
# Покупатель, которого юнит-экономика оценивает в 1 800 ₽, с учётом оттока и времени стоит 1 302 ₽ —
# 72 % от ARPPU, и при CAC 2 000 ₽ его LTV:CAC падает с 0,90 до 0,65. Первая покупка не меняется: она
# происходит сразу, и именно она сделала пользователя покупателем. Повторные покупки тают: часть
# покупателей уходит раньше, чем их сделает, а поздние покупки сегодня стоят меньше. Поэтому
# юнит-экономика переоценивает рычаги, которые добавляют повторные покупки (APC), по сравнению с теми,
# что добавляют первые (C1), и тем сильнее, чем ниже удержание. Если APC берётся из модели, отток в нём
# уже учтён: передайте `retention=1`, и добавится только дисконтирование.

# %% [markdown] exercise="12.3"
# *Exercise 12.3: the question and the answer cell are written from clvkit/_exercises/nb12.py.*

# %% exercise="12.3"
# the answer cell of exercise 12.3 is written from clvkit/_exercises/nb12.py

# %% [markdown] lang="en"
# ## Try it yourself
#
# Move C1, APC and CPA (and retention and the discount rate) and watch the contribution margin, ROMI
# and the CLV view change side by side. The explorer starts from the store's cohort. The left chart
# is one buyer in the three views against CAC; the right one is the contribution margin at every
# CPA, with the break-even point.

# %% [markdown] lang="ru" en_hash="b651c028"
# ## Попробуйте сами
#
# Двигайте C1, APC и CPA (а также удержание и ставку дисконтирования) и смотрите, как меняются
# маржинальная прибыль, ROMI и расчёт CLV. Исходные значения — когорта нашего магазина. На левом
# графике — один покупатель в трёх расчётах рядом с CAC, на правом — маржинальная прибыль при любом
# CPA и точка безубыточности.

# %% tags=["nbval-ignore-output"]
ck.widgets.UnitEconomicsExplorer(**COHORT, retention=0.85, annual_discount_rate=0.2, target_romi=2.0,
                                 lang=lang).widget

# %% [markdown] lang="en"
# ## Key takeaways
#
# - Unit economics follows a cohort down a funnel: buyers = UA × C1, ARPPU = (AvP − COGS) × APC,
#   ARPU = C1 × ARPPU, CM = UA × (ARPU − CPA), ROMI = ARPPU / CAC − 1.
# - The most a user may cost is ARPU at break-even and ARPU / (1 + ROMI) at a target ROMI; the same
#   ceiling read backwards gives targets for C1 and ARPPU.
# - APC is a forecast: a predictive model gives it for a new buyer (1 + the expected repeat purchases)
#   and for each existing customer.
# - ARPPU is an undiscounted CLV per buyer, and "ARPPU > CAC" is an LTV:CAC above one: break-even,
#   not a healthy margin.
# - Unit economics leaves out retention and discounting. Counting them shrinks repeat purchases, not
#   first ones, and can change which lever to pull.

# %% [markdown] lang="ru" en_hash="82625b61"
# ## Главное
#
# - Юнит-экономика ведёт когорту по воронке: покупатели = UA × C1, ARPPU = (AvP − COGS) × APC,
#   ARPU = C1 × ARPPU, CM = UA × (ARPU − CPA), ROMI = ARPPU / CAC − 1.
# - Предельная стоимость пользователя — ARPU в точке безубыточности и ARPU / (1 + ROMI) при целевом
#   ROMI; тот же потолок, прочитанный в обратную сторону, даёт цели для C1 и ARPPU.
# - APC — это прогноз: прогнозная модель даёт его и для нового покупателя (1 + ожидаемые повторные
#   покупки), и для каждого существующего клиента.
# - ARPPU — это CLV покупателя без дисконтирования, а «ARPPU > CAC» — это LTV:CAC больше единицы:
#   безубыточность, а не здоровая маржа.
# - Юнит-экономика не учитывает удержание и дисконтирование. Если их учесть, уменьшаются повторные
#   покупки, а не первые, и от этого может поменяться выбор рычага.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. A cohort has C1 = 3%, AvP = 3,000 ₽, COGS = 2,000 ₽ and APC = 2. What is its ARPU, and what is
#    the most a user may cost at break-even?
# 2. Why is ROMI = ARPPU / CAC − 1? What does "ARPPU > CAC" mean as an LTV:CAC, and why is it not
#    enough?
# 3. One channel has the best ROMI, another the largest contribution margin. Which would you grow
#    first, and what would you check before doing so?
# 4. Where does your team take APC from today? What would a predictive model add?
# 5. Why does retention shrink the worth of +10% of APC more than that of +10% of C1?
# 6. When APC comes from a BG/NBD model, why should `compare_with_clv` get `retention=1`?

# %% [markdown] lang="ru" en_hash="2a7d6492"
# ## Вопросы для самопроверки
#
# 1. У когорты C1 = 3 %, AvP = 3 000 ₽, COGS = 2 000 ₽ и APC = 2. Чему равен её ARPU и сколько
#    максимум можно платить за пользователя, чтобы выйти в ноль?
# 2. Почему ROMI = ARPPU / CAC − 1? Что означает «ARPPU > CAC» на языке LTV:CAC и почему этого мало?
# 3. У одного канала лучший ROMI, у другого — самая большая маржинальная прибыль. Какой канал вы бы
#    наращивали первым и что проверили бы перед этим?
# 4. Откуда ваша команда сегодня берёт APC? Что к этому добавит прогнозная модель?
# 5. Почему удержание сильнее обесценивает +10 % к APC, чем +10 % к C1?
# 6. Почему, если APC берётся из модели BG/NBD, в `compare_with_clv` нужно передать `retention=1`?
