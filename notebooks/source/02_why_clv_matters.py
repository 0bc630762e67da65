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
# A business that knows what a customer is worth can answer money questions that otherwise rest on
# gut feeling: how much to pay for a new customer, which channel deserves the next dollar, which
# customers to protect first, and whether a campaign paid off.
#
# **You will learn**
#
# - why CLV matters for the business and how it changes marketing and sales strategy;
# - how to set a ceiling on acquisition cost (CAC) from CLV;
# - how to read LTV:CAC and the payback period;
# - how to split an acquisition budget across channels, and judge a campaign's ROI by CLV;
# - how concentrated value is: which share of customers brings which share of the money.

# %% [markdown] lang="ru" en_hash="2b6f3631"
# Бизнес, который знает, сколько стоит клиент, может отвечать на денежные вопросы, которые иначе
# решаются на глаз: сколько платить за нового клиента, какой канал заслуживает следующего рубля
# бюджета, кого из клиентов беречь в первую очередь и окупилась ли кампания.
#
# **Вы научитесь**
#
# - объяснять, почему CLV важен для бизнеса и как он меняет стратегию маркетинга и продаж;
# - задавать потолок стоимости привлечения (CAC) исходя из CLV;
# - читать LTV:CAC и срок окупаемости;
# - делить бюджет на привлечение между каналами и оценивать ROI кампании через CLV;
# - видеть концентрацию ценности: какая доля клиентов приносит какую долю денег.

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
# ## Why CLV matters to the business
#
# Sales reports count transactions: orders, revenue, this month's conversion. CLV counts
# **relationships**: what each customer will be worth over the years. That shift changes decisions:
#
# | question | without CLV | with CLV |
# |---|---|---|
# | how much may a new customer cost? | as little as possible | up to a ceiling set by their value |
# | which acquisition channel is best? | the cheapest per customer | the one whose customers are worth most per dollar |
# | whom to retain first? | whoever complains loudest | the customers with the most future value at risk |
# | did the campaign work? | first-order revenue vs cost | value of the customers won vs cost |
# | how much service, discount, attention? | the same for all | in proportion to value |
#
# For marketing this means budgets follow value, not volume; for sales, accounts and discounts are
# prioritised by what a customer will bring, not only by the size of today's deal. Gupta, Lehmann &
# Stuart (2004) went one step further: adding up the CLV of current and future customers gave a
# reasonable estimate of the market value of several listed companies — customers *are* the business.

# %% [markdown] lang="ru" en_hash="4f710e37"
# ## Почему CLV важен для бизнеса
#
# Отчёты о продажах считают сделки: заказы, выручку, конверсию за месяц. CLV считает **отношения**:
# сколько каждый клиент принесёт за годы. Этот сдвиг меняет решения:
#
# | вопрос | без CLV | с CLV |
# |---|---|---|
# | сколько может стоить новый клиент? | как можно меньше | до потолка, заданного его ценностью |
# | какой канал привлечения лучше? | самый дешёвый за клиента | тот, чьи клиенты дают больше ценности на каждый вложенный рубль |
# | кого удерживать в первую очередь? | того, кто громче жалуется | клиентов, у которых под угрозой больше всего будущей ценности |
# | сработала ли кампания? | выручка первого заказа против затрат | ценность привлечённых клиентов против затрат |
# | сколько сервиса, скидок, внимания? | всем одинаково | пропорционально ценности |
#
# Для маркетинга это значит, что бюджет идёт за ценностью, а не за объёмом; для продаж — что клиентов
# и скидки приоритизируют по тому, что клиент принесёт, а не только по размеру сегодняшней сделки.
# Gupta, Lehmann & Stuart (2004) пошли дальше: сумма CLV текущих и будущих клиентов дала разумную
# оценку рыночной стоимости нескольких публичных компаний — клиенты и *есть* бизнес.

# %% [markdown] lang="en"
# ## A ceiling on acquisition cost
#
# Take a typical customer of an online shop: one order a month at $40, a 35% gross margin, and 90% of
# customers still buying the next month. Money is discounted at 10% a year, which is a little under 0.8%
# a month (`ck.units.rate_per_unit` converts it). We count three years of margins:

# %% [markdown] lang="ru" en_hash="2971a634"
# ## Потолок стоимости привлечения
#
# Возьмём типичного клиента интернет-магазина: один заказ в месяц со средним чеком 4 000 ₽, валовая маржа
# 35%, и 90% клиентов продолжают покупать в следующем месяце. Ставка дисконтирования — 10% в год, это
# чуть меньше 0,8% в месяц (пересчитывает `ck.units.rate_per_unit`). Считаем маржу за три года:

# %%
d = ck.units.rate_per_unit(0.10, "M")
margin_per_month = 40 * per_dollar * 1 * 0.35
clv = ck.formulas.dcf_clv(margin_per_month, 0.9, d, periods=36)
print(tr(en="Discount rate a month:",
         ru="Ставка дисконтирования в месяц:"), format_percent(d, lang, decimals=2))
print(tr(en="Margin a month:", ru="Маржа в месяц:"), format_money(margin_per_month, lang, decimals=0))
print(tr(en="CLV over 36 months:", ru="CLV за 36 месяцев:"), format_money(clv, lang, decimals=0))

# %% [markdown] lang="en"
# Paying exactly the CLV to win a customer means breaking even (LTV:CAC = 1). Teams aim higher,
# typically **3:1** (Skok 2013), because the CLV is an estimate, overheads are not in the margin,
# and the money comes back only slowly. The ceiling is simply CLV divided by the target ratio:
# `ck.formulas.max_acquisition_cost`, for one number or a whole column of values.

# %% [markdown] lang="ru" en_hash="f8694fa4"
# Заплатить за клиента ровно его CLV — значит выйти в ноль (LTV:CAC = 1). Обычно целятся выше,
# как правило, в **3:1** (Skok 2013): CLV — это оценка, накладные расходы не входят в маржу, а деньги
# возвращаются медленно. Потолок — это CLV, делённый на целевое соотношение:
# `ck.formulas.max_acquisition_cost`, для одного числа или для целого столбца значений.

# %%
print(tr(en="Break-even CAC (1:1):   ",
         ru="CAC безубыточности (1:1):"), format_money(ck.formulas.max_acquisition_cost(clv, target_ratio=1), lang, decimals=0))
print(tr(en="Ceiling at 3:1:         ",
         ru="Потолок при 3:1:         "), format_money(ck.formulas.max_acquisition_cost(clv), lang, decimals=0))
print(tr(en="Ceiling at 5:1:         ",
         ru="Потолок при 5:1:         "), format_money(ck.formulas.max_acquisition_cost(clv, target_ratio=5), lang, decimals=0))

# %% [markdown] exercise="02.1"
# *Exercise 02.1: the question and the answer cell are written from clvkit/_exercises/nb02.py.*

# %% exercise="02.1"
# the answer cell of exercise 02.1 is written from clvkit/_exercises/nb02.py

# %% [markdown] lang="en"
# ## LTV:CAC and payback
#
# Say a channel wins these customers at $50 each. **LTV:CAC** is how many times a customer's value
# repays their cost. The **payback period** is how long it takes until the margin they have brought
# (expected and discounted) covers the CAC; until then the money is tied up.

# %% [markdown] lang="ru" en_hash="8de83d69"
# ## LTV:CAC и срок окупаемости
#
# Допустим, канал приводит таких клиентов по 5 000 ₽. **LTV:CAC** показывает, во сколько раз ценность
# клиента превышает затраты на его привлечение. **Срок окупаемости** — сколько времени нужно, чтобы
# принесённая клиентом маржа (ожидаемая и дисконтированная) покрыла CAC; до этого деньги заморожены.

# %%
cac = 50 * per_dollar
payback = ck.formulas.payback_period(margin_per_month, cac, retention=0.9, discount_rate=d)
print("LTV:CAC =", format_number(ck.formulas.ltv_cac_ratio(clv, cac), lang, decimals=2))
print(tr(en="Payback, months:", ru="Срок окупаемости, месяцев:"), format_number(payback, lang, decimals=1))

# %% [markdown] lang="en"
# The ratio is below the 3:1 target, although the expected margin of a new customer covers their cost
# within half a year (an average: a customer who leaves in the first months never pays back, those who
# stay pay for them). The chart shows both at once: the curve is the value a customer has brought so
# far, the dashed line the CAC. Where they cross is the payback; the height the curve reaches at the end
# is the CLV.

# %% [markdown] lang="ru" en_hash="6c6cf6d5"
# Соотношение ниже цели 3:1, хотя ожидаемая маржа нового клиента покрывает его стоимость меньше чем за
# полгода (в среднем: клиент, ушедший в первые месяцы, не окупается никогда, за него платят
# оставшиеся). График показывает и то и другое: кривая — ценность, которую клиент уже принёс,
# пунктир — CAC. Точка пересечения — срок окупаемости; высота кривой в конце — CLV.

# %%
timeline = ck.formulas.cumulative_value(margin_per_month, 0.9, d, periods=36)
ax = ck.plots.plot_cumulative_value(timeline, cac=cac, time_unit="M", lang=lang)

# %% [markdown] exercise="02.2"
# *Exercise 02.2: the question and the answer cell are written from clvkit/_exercises/nb02.py.*

# %%
teach.hint("02.2", lang=lang)

# %% exercise="02.2"
# the answer cell of exercise 02.2 is written from clvkit/_exercises/nb02.py

# %% [markdown] lang="en"
# ### Play with CAC
#
# Move the **acquisition cost** slider and watch LTV:CAC, the payback and the dashed CAC line; then
# try retention. The headline is the CLV over the horizon; the tornado on the right is the subject of
# notebook 03.

# %% [markdown] lang="ru" en_hash="89b52dd2"
# ### Поиграйте с CAC
#
# Подвигайте ползунок **стоимости привлечения** и следите за LTV:CAC, сроком окупаемости и пунктирной
# линией CAC; потом попробуйте удержание. В заголовке — CLV за выбранный горизонт; «торнадо» справа —
# тема блокнота 03.

# %% tags=["nbval-ignore-output"]
ck.widgets.DriverExplorer(aov=40 * per_dollar, purchases_per_period=1, margin=0.35, retention=0.9,
                          annual_discount_rate=0.1, horizon=36, cac=50 * per_dollar, currency=currency, lang=lang)

# %% [markdown] lang="en"
# ## Splitting a budget across channels
#
# Channels bring different customers: referred customers often stay longer, marketplace shoppers
# hunt for a deal and leave. Below, four channels with the margin a month and the retention of the
# customers they bring, and the CAC they charge. We compute each channel's LTV over 36 months.

# %% [markdown] lang="ru" en_hash="109da8e3"
# ## Как поделить бюджет между каналами
#
# Каналы приводят разных клиентов: пришедшие по рекомендации часто остаются дольше, покупатели
# с маркетплейсов ищут выгоду и уходят. Ниже — четыре канала: маржа в месяц и удержание клиентов,
# которых они приводят, и CAC. Посчитаем LTV каждого канала за 36 месяцев.

# %%
channels = pd.DataFrame(
    {"margin_per_month": [m * per_dollar for m in (14, 12, 16, 10)], "retention": [0.9, 0.85, 0.93, 0.8],
     "cac": [c * per_dollar for c in (35, 30, 50, 25)], "saturation": [300, 600, 120, 1000]},
    index=pd.Index(tr(en=['search', 'social', 'referral', 'marketplace'],
                      ru=['поиск', 'соцсети', 'рекомендации', 'маркетплейс']), name="channel"),
)
channels["ltv"] = [ck.formulas.dcf_clv(m, r, d, periods=36)
                   for m, r in zip(channels["margin_per_month"], channels["retention"])]
economics = ck.acquisition.channel_economics(channels, margin_per_period="margin_per_month",
                                             retention="retention", discount_rate=d)
ck.format_table(economics[["ltv", "cac", "ltv_cac", "max_cac", "cac_headroom", "payback_periods"]].round(
    {"ltv": 0, "cac": 0, "ltv_cac": 2, "max_cac": 0, "cac_headroom": 0, "payback_periods": 1}).astype(
    {"ltv": int, "cac": int, "max_cac": int, "cac_headroom": int}), lang=lang)

# %% [markdown] lang="en"
# `max_cac` is each channel's ceiling at 3:1 and `cac_headroom` how far below (positive) or above
# (negative) it the channel is. The cheapest channel, marketplace, is the worst deal: its customers
# are worth too little. The chart puts value and cost side by side, with LTV:CAC on top (orange when
# below 3).

# %% [markdown] lang="ru" en_hash="dc2b42ae"
# `max_cac` — потолок канала при 3:1, `cac_headroom` — насколько канал ниже потолка (плюс) или выше
# (минус). Самый дешёвый канал, маркетплейс, — самая плохая сделка: его клиенты стоят слишком мало.
# На графике ценность и затраты стоят рядом, сверху — LTV:CAC (оранжевым, если ниже 3).

# %%
ax = ck.plots.plot_ltv_cac(economics, lang=lang)

# %% [markdown] lang="en"
# A channel gets more expensive the more you buy from it: the first customers come cheap, then you
# reach less interested people. In the table, `saturation` is the number of customers after which a
# channel's cost per extra customer has doubled. `ck.acquisition.allocate_budget` spends the budget
# where the next dollar brings the most value, until the last customer bought in every funded channel
# has the same LTV:CAC (Blattberg & Deighton 1996). Here is a budget of $30,000:

# %% [markdown] lang="ru" en_hash="95eadf1f"
# Чем больше клиентов вы покупаете в канале, тем он дороже: первые приходят дёшево, потом вы добираетесь
# до менее заинтересованных людей. В таблице `saturation` — число клиентов, после которого стоимость
# ещё одного клиента в канале удваивается. `ck.acquisition.allocate_budget` тратит бюджет там, где
# следующий рубль приносит больше ценности, пока у последнего купленного клиента в каждом
# финансируемом канале не сравняется LTV:CAC (Blattberg & Deighton 1996). Бюджет — 3 000 000 ₽:

# %%
plan = ck.acquisition.allocate_budget(channels, 30_000 * per_dollar)
ck.format_table(plan[["customers", "spend", "budget_share", "ltv_cac", "marginal_ltv_cac", "net_value"]].round(
    {"spend": 0, "budget_share": 3, "ltv_cac": 2, "marginal_ltv_cac": 2, "net_value": 0}).astype(
    {"spend": int, "net_value": int}), lang=lang)

# %% [markdown] lang="en"
# Search gets the largest share, and marketplace nothing: even its first customer returns less per
# dollar than the last customer bought on the other channels. `net_value` is the value acquired minus
# the spend: what the budget adds to the customer base.
#
# **3:1 or 1.7:1?** The split buys customers until the *last* one returns well under 3:1, which seems to
# break the rule above. The two ratios answer different questions. `ltv_cac` is the **average** ratio
# of all the customers bought on a channel, the number the 3:1 rule of thumb is about; it leaves room
# for an uncertain CLV and for overheads. `marginal_ltv_cac` is the ratio of the **last** customer: as
# long as the next customer brings more than they cost, buying them adds to `net_value`. On a channel
# that gets dearer the average stays above the margin, because the first customers were cheaper. If you
# want the safety margin on every customer, say so: `min_ratio=` is the lowest marginal LTV:CAC the split
# will pay for, and the money it does not spend stays in the bank.

# %% [markdown] lang="ru" en_hash="b470e75c"
# Больше всего получает поиск, а маркетплейс — ничего: даже его первый клиент приносит на вложенный рубль
# меньше, чем последний купленный клиент в других каналах. `net_value` — привлечённая ценность минус
# затраты: то, что бюджет добавляет к клиентской базе.
#
# **3:1 или 1,7:1?** Алгоритм покупает клиентов, пока *последний* не начнёт приносить заметно меньше
# 3:1, — кажется, что это нарушает правило выше. Но два соотношения отвечают на разные вопросы.
# `ltv_cac` — **среднее** соотношение по всем купленным в канале клиентам; именно о нём правило 3:1, и
# оно оставляет запас на неточность CLV и накладные расходы. `marginal_ltv_cac` — соотношение для
# **последнего** клиента: пока следующий клиент приносит больше, чем стоит, его покупка увеличивает
# `net_value`. В канале, который дорожает, среднее выше предельного, потому что первые клиенты были
# дешевле. Если запас нужен на каждом клиенте, задайте его явно: `min_ratio=` — наименьшее предельное
# LTV:CAC, за которое алгоритм готов платить, а непотраченные деньги остаются в бюджете.

# %%
stop_at = {}
for floor in (1.0, 2.0, 3.0):
    option = ck.acquisition.allocate_budget(channels, 30_000 * per_dollar, min_ratio=floor)
    stop_at[tr(en="min_ratio = ", ru="предельный LTV:CAC ≥ ") + f"{floor:g}"] = {
        "customers": option["customers"].sum(), "spend": option["spend"].sum(),
        "average_ltv_cac": option["value"].sum() / option["spend"].sum(),
        "lowest_marginal_ltv_cac": option.loc[option["customers"] > 0, "marginal_ltv_cac"].min(),
        "net_value": option["net_value"].sum()}
ck.format_table(pd.DataFrame(stop_at).T.round({"spend": 0, "average_ltv_cac": 2, "lowest_marginal_ltv_cac": 2,
                "net_value": 0}).astype({"customers": int, "spend": int, "net_value": int}), lang=lang)

# %% [markdown] lang="en"
# Demanding 3:1 of the last customer buys far fewer customers, leaves most of the budget unspent and
# adds much less value; here even the first line's *average* stays under 3:1. The rule of thumb buys
# safety against a CLV that turns out too optimistic, and the price of that safety is the difference in
# `net_value`. How far you trust your CLV estimate (notebook 07) decides which line to pick.

# %% [markdown] lang="ru" en_hash="a154ca48"
# Требование 3:1 к последнему клиенту покупает намного меньше клиентов, оставляет большую часть бюджета
# непотраченной и добавляет гораздо меньше ценности; здесь даже *среднее* соотношение первой строки
# ниже 3:1. Правило большого пальца страхует от слишком оптимистичного CLV, а цена этой страховки —
# разница в `net_value`. Какую строку выбрать, решает то, насколько вы доверяете своей оценке CLV
# (блокнот 07).

# %% [markdown] lang="en"
# ## Value is concentrated
#
# Customers are not equally valuable. The Lorenz curve sorts the CDNOW customers from the least to the
# most valuable (historical value at a 30% margin, as in notebook 01) and shows which share of the
# value the first x% of them hold. The further the curve sags below the diagonal, the more concentrated
# the value; the **Gini coefficient** sums that up from 0 (everyone equal) to 1 (one customer holds
# everything).

# %% [markdown] lang="ru" en_hash="8ef1284b"
# ## Ценность сконцентрирована
#
# Клиенты неравноценны. Кривая Лоренца сортирует клиентов CDNOW от наименее к наиболее ценным
# (исторический CLV при марже 30%, как в блокноте 01) и показывает, какую долю ценности держат первые
# x% из них. Чем сильнее кривая провисает под диагональю, тем выше концентрация; **коэффициент Джини**
# сводит это к одному числу от 0 (все равны) до 1 (всё у одного клиента).

# %%
historical_value = ck.formulas.historical_clv(ck.datasets.load_cdnow_transactions(currency=currency), margin=0.3)
ax = ck.plots.plot_lorenz(historical_value, lang=lang)

# %%
print(tr(en="Share of value from the top 20% of customers:",
         ru="Доля ценности от лучших 20% клиентов:"), format_percent(ck.segments.top_share(historical_value, top=0.2), lang))
print(tr(en="Share of value from the bottom 50%:",
         ru="Доля ценности от худших 50%:"), format_percent(1 - ck.segments.top_share(historical_value, top=0.5), lang))
print(tr(en="Gini coefficient:",
         ru="Коэффициент Джини:"), format_number(ck.segments.gini(historical_value), lang, decimals=2))

# %% [markdown] lang="en"
# Roughly two thirds of the value comes from a fifth of the customers, and the less valuable half
# brings only about a tenth. For strategy this means: know who the top customers are and protect them
# (service, early warnings when they go quiet), look for new customers who resemble them, and do not
# spend the same on everyone. Notebook 08 turns this into segments and target lists.

# %% [markdown] lang="ru" en_hash="41016279"
# Примерно две трети ценности приходится на пятую часть клиентов, а менее ценная половина приносит лишь
# около десятой части. Для стратегии это значит: знать лучших клиентов и беречь их (сервис, ранние
# сигналы, когда они затихают), искать новых клиентов, похожих на них, и не тратить на всех одинаково.
# В блокноте 08 из этого получатся сегменты и списки для кампаний.

# %% [markdown] exercise="02.3"
# *Exercise 02.3: the question and the answer cell are written from clvkit/_exercises/nb02.py.*

# %% exercise="02.3"
# the answer cell of exercise 02.3 is written from clvkit/_exercises/nb02.py

# %% [markdown] lang="en"
# ## Campaign ROI: why LTV matters for marketing
#
# A campaign costs $20,000 and brings 400 new customers of the kind above. Judged on their first order
# alone, it loses money; judged on what the customers are worth over three years, it returns more
# than twice its cost. ROI is (value − cost) / cost.

# %% [markdown] lang="ru" en_hash="62ac64e6"
# ## ROI кампании: почему LTV важен для маркетинга
#
# Кампания стоит 2 000 000 ₽ и приводит 400 новых клиентов того же типа, что выше. Если судить только
# по первому заказу, она убыточна; если по ценности клиентов за три года — приносит более чем
# вдвое больше, чем стоила. ROI = (ценность − затраты) / затраты.

# %%
cost, new_customers = 20_000 * per_dollar, 400
roi_first_order = (new_customers * margin_per_month - cost) / cost
roi_clv = (new_customers * clv - cost) / cost
print(tr(en="ROI on the first order's margin:",
         ru="ROI по марже первого заказа:"), format_percent(roi_first_order, lang))
print(tr(en="ROI on CLV (36 months):         ",
         ru="ROI по CLV (36 месяцев):     "), format_percent(roi_clv, lang))

# %% [markdown] lang="en"
# The same logic ranks campaigns against each other, and explains why a campaign that wins fewer but
# more loyal customers can beat one with a lower cost per customer.

# %% [markdown] lang="ru" en_hash="4b6bb7f0"
# Та же логика позволяет сравнивать кампании между собой и объясняет, почему кампания, которая
# приводит меньше, но более лояльных клиентов, может обыграть кампанию с более низкой стоимостью привлечения.

# %% [markdown] exercise="02.4"
# *Exercise 02.4: the question and the answer cell are written from clvkit/_exercises/nb02.py.*

# %% exercise="02.4"
# the answer cell of exercise 02.4 is written from clvkit/_exercises/nb02.py

# %% [markdown] lang="en"
# ## Key takeaways
#
# - CLV turns customers into assets and changes what marketing and sales optimise: value, not volume.
# - The ceiling on acquisition cost is CLV divided by a target LTV:CAC (often 3).
# - LTV:CAC says whether customers are worth their cost; payback says how long the money is tied up.
# - Split acquisition budgets so that the last customer bought in each channel returns the same per
#   dollar; cheap channels with low-value customers may deserve nothing. A 3:1 target speaks of the
#   average customer; to demand it of the last one, set `min_ratio`.
# - Value is concentrated: a fifth of the CDNOW customers brought about two thirds of it.
# - Judge campaigns by the value of the customers they win, not by the first order.

# %% [markdown] lang="ru" en_hash="6888f6d3"
# ## Главное
#
# - CLV превращает клиентов в активы и меняет то, что оптимизируют маркетинг и продажи: ценность, а не объём.
# - Потолок стоимости привлечения — это CLV, делённый на целевое LTV:CAC (часто 3).
# - LTV:CAC показывает, стоят ли клиенты своих затрат; срок окупаемости — как долго заморожены деньги.
# - Делите бюджет так, чтобы последний купленный клиент в каждом канале приносил одинаково на вложенный
#   рубль; дешёвые каналы с малоценными клиентами могут не заслуживать ничего. Цель 3:1 относится к
#   среднему клиенту; чтобы требовать её от последнего, задайте `min_ratio`.
# - Ценность сконцентрирована: пятая часть клиентов CDNOW принесла около двух третей всей ценности.
# - Оценивайте кампании по ценности привлечённых клиентов, а не по первому заказу.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. If your CLV estimate were 30% too high, what would happen to your ceiling on acquisition cost,
#    and which channels would you overbuy?
# 2. A channel has an LTV:CAC of 4:1 but pays back only after 30 months. Would you grow it? What
#    about your company decides the answer?
# 3. The average customer of a channel returns 3:1, but the last ones you bought return only 1.7:1.
#    Would you keep buying them? What does the 3:1 target protect you against?
# 4. A campaign brought many first orders at a low cost per order. What would you check before
#    calling it a success?
# 5. A fifth of your customers bring two thirds of the value. How would that change the way you
#    split a retention budget?

# %% [markdown] lang="ru" en_hash="00ccfe7b"
# ## Вопросы для самопроверки
#
# 1. Если ваша оценка CLV завышена на 30 %, что станет с потолком стоимости привлечения и каких
#    каналов вы купите слишком много?
# 2. У канала LTV:CAC 4:1, но окупается он только через 30 месяцев. Будете ли вы его наращивать? Что
#    в вашей компании решает этот вопрос?
# 3. Средний клиент канала приносит 3:1, а последние купленные — только 1,7:1. Продолжите ли вы их
#    покупать? От чего защищает цель 3:1?
# 4. Кампания принесла много первых заказов по низкой стоимости заказа. Что вы проверите, прежде чем
#    назвать её успешной?
# 5. Пятая часть клиентов приносит две трети ценности. Как это изменит распределение бюджета на
#    удержание?
