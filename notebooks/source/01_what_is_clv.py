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
# **Customer Lifetime Value (CLV)** is the money a customer will bring your business over the whole
# relationship, counted as profit and in today's money. It turns "a customer" from a line in a sales
# report into an asset with a value you can compare with what it costs to win and keep them.
#
# **You will learn**
#
# - what CLV is, and what it is not (not revenue to date, not the average order, not one order's margin);
# - how to lay out one customer's cash flow year by year and add it up into a CLV;
# - how retention and discounting enter the number, by hand and with `ck.formulas.dcf_clv`;
# - what the terms CLV and LTV mean, and how historical value differs from predicted value.

# %% [markdown] lang="ru" en_hash="5ab3acc4"
# **Пожизненная ценность клиента (CLV, Customer Lifetime Value)** — это деньги, которые клиент принесёт
# бизнесу за всё время отношений, посчитанные как прибыль (маржа) и в сегодняшних деньгах. CLV
# превращает клиента из строчки в отчёте о продажах в актив, ценность которого можно сравнить с тем,
# сколько стоит его привлечь и удержать.
#
# **Вы научитесь**
#
# - объяснять, что такое CLV и чем он не является (не выручка на сегодня, не средний чек, не маржа одного заказа);
# - раскладывать денежный поток одного клиента по годам и складывать его в CLV;
# - учитывать удержание и дисконтирование — вручную и с помощью `ck.formulas.dcf_clv`;
# - разбираться в терминах CLV и LTV и отличать исторический CLV от прогнозного.

# %%
import pandas as pd
import clvkit as ck
from clvkit import teach
from clvkit.i18n import format_money, format_percent

ck.set_language(tr(en="en", ru="ru"))
ck.set_currency("USD")  # the course's example data are in US dollars
lang = ck.get_language()

# %% [markdown] lang="en"
# ## The definition
#
# CLV is the **present value of the future margins** a customer brings. Three words carry the idea:
#
# - **margin** — what is left of the revenue after the cost of the goods and of serving the customer
#   (a $50 order at a 30% gross margin earns $15, not $50);
# - **future** — the relationship may last years, and each year the customer may leave, so every future
#   margin is weighted by the chance the customer is still with you;
# - **present value** — a dollar next year is worth less than a dollar today (you could invest it, and
#   the future is uncertain), so future money is *discounted*: divided by $(1 + d)$ for every year it is
#   away, where $d$ is the discount rate.
#
# In one line:
#
# $$\text{CLV} = \sum_{t=1}^{\infty} \frac{m_t \cdot S_t}{(1 + d)^t}$$
#
# Read it as: for every future year $t$, take the margin $m_t$, multiply by the chance $S_t$ that the
# customer is still a customer then, shrink it by the discount factor, and add the years up. The
# essence: a customer is an asset that pays out over time (Gupta & Lehmann 2003).

# %% [markdown] lang="ru" en_hash="644e545c"
# ## Определение
#
# CLV — это **приведённая (сегодняшняя) стоимость будущей маржи**, которую принесёт клиент. Смысл
# держится на трёх словах:
#
# - **маржа** — то, что остаётся от выручки после себестоимости товара и затрат на обслуживание клиента
#   (заказ на 50 $ при валовой марже 30% приносит 15 $, а не 50 $);
# - **будущая** — отношения могут длиться годами, и каждый год клиент может уйти, поэтому каждую будущую
#   маржу взвешивают вероятностью, что клиент к тому времени ещё с вами;
# - **приведённая** — доллар через год стоит меньше доллара сегодня (деньги можно вложить, а будущее
#   неопределённо), поэтому будущие деньги *дисконтируют*: делят на $(1 + d)$ за каждый год ожидания,
#   где $d$ — ставка дисконтирования.
#
# Одной строкой:
#
# $$\text{CLV} = \sum_{t=1}^{\infty} \frac{m_t \cdot S_t}{(1 + d)^t}$$
#
# Читается так: для каждого будущего года $t$ возьмите маржу $m_t$, умножьте на вероятность $S_t$, что
# клиент к этому году всё ещё остаётся клиентом, умножьте на коэффициент дисконтирования и сложите
# все годы. Суть понятия: клиент — это актив, который приносит деньги со временем (Gupta & Lehmann 2003).

# %% [markdown] lang="en"
# ## One customer's cash flow
#
# Start with a customer whose future we know for certain: they will stay exactly five years, and the
# margin they bring is $120 in the first year (a welcome discount eats into it) and $150 in each later
# year. We discount at 10% a year. The table lists each year's margin, its discount factor
# $1 / 1.1^t$ and its present value (margin × discount factor).

# %% [markdown] lang="ru" en_hash="82c4629e"
# ## Денежный поток одного клиента
#
# Начнём с клиента, будущее которого нам точно известно: он останется ровно пять лет и принесёт 120 $
# маржи в первый год (часть съест приветственная скидка) и по 150 $ в каждый следующий. Ставка
# дисконтирования — 10% в год. В таблице для каждого года — маржа, коэффициент дисконтирования
# $1 / 1{,}1^t$ и приведённая стоимость (маржа × коэффициент).

# %%
flow = pd.DataFrame({"expected_margin": [120.0, 150, 150, 150, 150]},
                    index=pd.Index([1, 2, 3, 4, 5], name="period"))
flow["discount_factor"] = 1 / 1.1 ** flow.index
flow["present_value"] = flow["expected_margin"] * flow["discount_factor"]
flow.round(2)

# %% [markdown] lang="en"
# The pale bars are the margins as they arrive; the dark bars are what each is worth today. The further
# away a year, the bigger the gap.

# %% [markdown] lang="ru" en_hash="8bbdff2c"
# Светлые столбики — маржа в момент поступления, тёмные — сколько она стоит сегодня. Чем дальше год,
# тем больше разрыв.

# %%
ax = ck.plots.plot_cash_flow(flow, time_unit="Y", lang=lang)

# %% [markdown] lang="en"
# The customer's CLV is the sum of the present values, which is less than the plain sum of the margins:

# %% [markdown] lang="ru" en_hash="554cdc67"
# CLV этого клиента — сумма приведённых стоимостей; она меньше простой суммы маржи:

# %%
print(tr(en="Margins added up:",
         ru="Сумма маржи:"), format_money(flow["expected_margin"].sum(), lang, decimals=0))
print(tr(en="CLV (present value):",
         ru="CLV (приведённая стоимость):"), format_money(flow["present_value"].sum(), lang, decimals=0))

# %% [markdown] exercise="01.1"
# *Exercise 01.1: the question and the answer cell are written from clvkit/_exercises/nb01.py.*

# %% exercise="01.1"
# the answer cell of exercise 01.1 is written from clvkit/_exercises/nb01.py

# %% [markdown] lang="en"
# Stuck? A hint is one call away (and `teach.solution("01.1", lang=lang)` reveals the worked answer):

# %% [markdown] lang="ru" en_hash="298de5e3"
# Застряли? Подсказка — один вызов (а `teach.solution("01.1", lang=lang)` покажет решение целиком):

# %%
teach.hint("01.1", lang=lang)

# %% [markdown] lang="en"
# ## We never know how long a customer stays: retention
#
# In reality nobody tells us that a customer will stay five years. What we can measure is **retention**:
# the share of customers of one year who are still customers the next. With 80% retention, a new
# customer is still with us after one year with probability 0.8, after two years 0.8 × 0.8 = 0.64, and
# so on; this chance $S_t = r^t$ is the `survival` column below. Take a customer who brings $150 of
# margin a year while they stay, with 80% yearly retention and a 10% discount rate.
# `ck.formulas.cumulative_value` lays out the expected cash flow year by year:

# %% [markdown] lang="ru" en_hash="c92652cc"
# В жизни никто не сообщает, что клиент останется на пять лет. Измерить можно **удержание** —
# долю клиентов этого года, которые остались клиентами и в следующем. При удержании 80% новый клиент
# через год всё ещё с нами с вероятностью 0,8, через два — 0,8 × 0,8 = 0,64 и так далее; эта вероятность
# $S_t = r^t$ — столбец `survival` ниже. Возьмём клиента, который приносит 150 $ маржи в год, пока
# остаётся клиентом, при удержании 80% в год и ставке дисконтирования 10%. Функция
# `ck.formulas.cumulative_value` раскладывает ожидаемый денежный поток по годам:

# %%
expected = ck.formulas.cumulative_value(150, 0.8, 0.1, periods=10)
expected.round(2)

# %% [markdown] lang="en"
# Each year the expected margin shrinks twice: fewer customers are left (survival), and the money is
# further away (discounting). The picture makes the fade-out visible:

# %% [markdown] lang="ru" en_hash="5754b9e1"
# Каждый год ожидаемая маржа уменьшается дважды: клиентов остаётся меньше (выживаемость), а деньги
# приходят всё позже (дисконтирование). На графике это угасание хорошо видно:

# %%
ax = ck.plots.plot_cash_flow(expected, time_unit="Y", lang=lang)

# %% [markdown] lang="en"
# Adding up the present values by hand gives the CLV over ten years; `ck.formulas.dcf_clv` (DCF stands
# for *discounted cash flow*) gives the same number in one call. Without a horizon (`periods=None`, the
# default) it counts every future year, using the closed form $m \cdot r / (1 + d - r)$: the margin
# times a multiplier that grows quickly with retention.

# %% [markdown] lang="ru" en_hash="7c13d860"
# Сумма приведённых стоимостей, посчитанная вручную, — это CLV за десять лет; `ck.formulas.dcf_clv`
# (DCF — *discounted cash flow*, дисконтированный денежный поток) даёт то же число одним вызовом. Без
# горизонта (`periods=None`, по умолчанию) функция учитывает все будущие годы по формуле
# $m \cdot r / (1 + d - r)$: маржа, умноженная на множитель, который быстро растёт с удержанием.

# %%
by_hand = (expected["expected_margin"] * expected["discount_factor"]).sum()
print(tr(en="10 years, summed by hand:     ",
         ru="10 лет, сумма вручную:        "), format_money(by_hand, lang, decimals=0))
print(tr(en="10 years, dcf_clv:            ",
         ru="10 лет, dcf_clv:              "), format_money(ck.formulas.dcf_clv(150, 0.8, 0.1, periods=10), lang, decimals=0))
print(tr(en="every future year, dcf_clv:   ",
         ru="все будущие годы, dcf_clv:    "), format_money(ck.formulas.dcf_clv(150, 0.8, 0.1), lang, decimals=0))

# %% [markdown] lang="en"
# The running total levels off: after a decade almost nobody is left, and what remains is heavily
# discounted. That is why a CLV over "the whole lifetime" is a finite number.
#
# (By default the first margin arrives one year after acquisition, `timing="end"`. If the first
# purchase itself counts, use `timing="begin"`.)

# %% [markdown] lang="ru" en_hash="7f6f1eb1"
# Накопленная сумма выходит на плато: через десять лет клиентов почти не остаётся, а далёкие деньги
# сильно дисконтированы. Поэтому CLV «за всю жизнь» — конечное число.
#
# (По умолчанию первая маржа приходит через год после привлечения, `timing="end"`. Если учитывать
# и саму первую покупку, используйте `timing="begin"`.)

# %%
long_run = ck.formulas.cumulative_value(150, 0.8, 0.1, periods=25)
ax = ck.plots.plot_cumulative_value(long_run, time_unit="Y", lang=lang)

# %% [markdown] lang="en"
# ## What CLV is, and what it is not
#
# Dashboards are full of numbers that sound like customer value. Four common mix-ups:
#
# | number | why it is not CLV |
# |---|---|
# | revenue from the customer to date | it looks back, not forward, and it is revenue, not margin |
# | average order value (AOV) | one order, not the whole relationship; revenue, not margin |
# | margin of one order | one order only: it ignores how often and how long the customer buys |
# | expected future revenue | it looks forward, but counts revenue, not the profit left after costs |
#
# CLV looks **forward**, counts **margin**, covers the **whole relationship** weighted by the chance it
# continues, and is **discounted** to today.

# %% [markdown] lang="ru" en_hash="f725b869"
# ## Что такое CLV и чем он не является
#
# На дашбордах полно чисел, похожих на ценность клиента. Четыре частые путаницы:
#
# | показатель | почему это не CLV |
# |---|---|
# | выручка от клиента на сегодня | смотрит назад, а не вперёд, и это выручка, а не маржа |
# | средний чек (AOV) | один заказ, а не все отношения; выручка, а не маржа |
# | маржа одного заказа | только один заказ: не учитывает, как часто и как долго клиент покупает |
# | ожидаемая будущая выручка | смотрит вперёд, но считает выручку, а не прибыль после затрат |
#
# CLV смотрит **вперёд**, считает **маржу**, охватывает **все отношения** с учётом вероятности, что они
# продолжатся, и **приводит** её к сегодняшнему дню.

# %% [markdown] exercise="01.2"
# *Exercise 01.2: the question and the answer cell are written from clvkit/_exercises/nb01.py.*

# %%
aov, orders_per_year, margin = 50, 10, 0.3
candidates = pd.Series({
    "a": aov,
    "b": aov * orders_per_year * 2,
    "c": aov * margin,
    "d": ck.formulas.dcf_clv(aov * orders_per_year * margin, 0.8, 0.1),
    "e": ck.formulas.dcf_clv(aov * orders_per_year, 0.8, 0.1),
})
candidates.round(2)

# %% exercise="01.2"
# the answer cell of exercise 01.2 is written from clvkit/_exercises/nb01.py

# %% [markdown] lang="en"
# ## CLV or LTV?
#
# **CLV** (customer lifetime value) and **LTV** (lifetime value) name the same idea. LTV is the usual
# word in start-ups, subscription businesses and ad platforms (as in "LTV:CAC", notebook 02); CLV in
# the academic literature and in retail. In practice the *label* matters less than three questions
# to ask whenever someone quotes an LTV:
#
# 1. **Revenue or margin?** Many dashboards report "LTV" as revenue; multiply by the margin before
#    comparing it with costs.
# 2. **Over what horizon?** One year, three years, or the whole relationship.
# 3. **Discounted or not?** Undiscounted numbers look bigger the longer the horizon.
#
# In this course CLV and LTV both mean discounted margin, and the horizon is always stated.

# %% [markdown] lang="ru" en_hash="31cfd2bb"
# ## CLV или LTV?
#
# **CLV** (customer lifetime value) и **LTV** (lifetime value) — названия одного и того же понятия.
# Название LTV чаще звучит в стартапах, подписочных сервисах и рекламных кабинетах (например, «LTV:CAC»,
# блокнот 02), CLV — в научной литературе и в рознице. На практике важнее не название, а три вопроса,
# которые стоит задать, когда вам называют LTV:
#
# 1. **Выручка или маржа?** Многие дашборды показывают «LTV» в выручке; прежде чем сравнивать его
#    с затратами, умножьте на маржу.
# 2. **За какой срок?** Год, три года или всё время отношений.
# 3. **С дисконтированием или без?** Недисконтированные числа тем больше, чем длиннее срок.
#
# В этом курсе и CLV, и LTV означают дисконтированную маржу, а срок всегда указан.

# %% [markdown] lang="en"
# ## Historical and predicted value
#
# **Historical CLV** adds up what each customer has *already* brought: their spend to date times the
# margin. It is a fact, easy to compute from a transaction log, and useful for reports and for seeing
# who your best customers were. Here it is for the 2,357 CDNOW customers over 18 months of purchases,
# assuming a 30% margin (the real margin of CDNOW is not published):

# %% [markdown] lang="ru" en_hash="ed14393a"
# ## Исторический и прогнозный CLV
#
# **Исторический CLV** складывает то, что каждый клиент *уже* принёс: его покупки на сегодня, умноженные
# на маржу. Это факт, он легко считается по журналу покупок и полезен для отчётов и для того, чтобы
# увидеть, кто был вашими лучшими клиентами. Вот он для 2 357 клиентов CDNOW за 18 месяцев покупок,
# при марже 30% (настоящая маржа CDNOW не опубликована):

# %%
transactions = ck.datasets.load_cdnow_transactions()
historical_value = ck.formulas.historical_clv(transactions, margin=0.3)
print(tr(en="Customers:", ru="Клиентов:"), len(historical_value))
print(tr(en="Mean historical value per customer:",
         ru="Средний исторический CLV клиента:"), format_money(historical_value.mean(), lang, decimals=0))
print(tr(en="Largest:", ru="Наибольший:"), format_money(historical_value.max(), lang, decimals=0))
print(tr(en="Customers who bought only once:",
         ru="Клиентов с одной покупкой:"), format_percent((transactions.groupby("customer_id").size() == 1).mean(), lang))

# %% [markdown] lang="en"
# A few customers brought a lot and most brought little, so the histogram has a long right tail (the
# count axis is logarithmic so that the rare big customers show up):

# %% [markdown] lang="ru" en_hash="d94892bd"
# Немногие клиенты принесли много, а большинство — мало, поэтому у гистограммы длинный правый хвост
# (ось количества логарифмическая, чтобы были видны редкие крупные клиенты):

# %%
ax = ck.plots.plot_clv_distribution(historical_value, log=True, lang=lang)

# %% [markdown] lang="en"
# Historical value has two limits. It looks **back**: a big spender who has already left still scores
# high, and a new customer scores almost nothing however promising they are. And it stops **today**:
# it says nothing about the years ahead, which is what acquisition and retention decisions are about.
# **Predicted CLV** fills the gap: a model (notebooks 04–06) estimates each customer's future purchases
# and spend from their history, and values them as in the formula above. Use historical value to
# describe the past, predicted CLV to decide.

# %% [markdown] lang="ru" en_hash="7ddd2a29"
# У исторического CLV два ограничения. Он смотрит **назад**: крупный покупатель, который уже ушёл, всё
# равно выглядит ценным, а новый клиент — почти ничего не стоящим, каким бы перспективным он ни был.
# И он заканчивается **сегодня**: ничего не говорит о будущих годах, а именно ради них принимают решения
# о привлечении и удержании. **Прогнозный CLV** закрывает этот пробел: модель (блокноты 04–06)
# прогнозирует будущие покупки и траты каждого клиента по его истории, а формула выше переводит их в деньги.
# Исторический CLV — чтобы описывать прошлое, прогнозный — чтобы принимать решения.

# %% [markdown] exercise="01.3"
# *Exercise 01.3: the question and the answer cell are written from clvkit/_exercises/nb01.py.*

# %% exercise="01.3"
# the answer cell of exercise 01.3 is written from clvkit/_exercises/nb01.py

# %% [markdown] lang="en"
# ## Key takeaways
#
# - CLV is the present value of the **future margins** a customer brings over the whole relationship.
# - It is not revenue to date, not the average order, not one order's margin, and not future revenue.
# - Every future margin is weighted by the chance the customer stays (retention) and discounted;
#   `ck.formulas.dcf_clv` adds it all up, and `ck.formulas.cumulative_value` shows it year by year.
# - CLV and LTV are the same idea; always ask: revenue or margin, which horizon, discounted or not.
# - Historical value describes the past; predicted CLV is what decisions need.

# %% [markdown] lang="ru" en_hash="2101d6a5"
# ## Главное
#
# - CLV — приведённая стоимость **будущей маржи**, которую клиент принесёт за всё время отношений.
# - Это не выручка на сегодня, не средний чек, не маржа одного заказа и не будущая выручка.
# - Каждую будущую маржу взвешивают вероятностью удержания клиента и дисконтируют;
#   `ck.formulas.dcf_clv` складывает всё вместе, а `ck.formulas.cumulative_value` показывает по годам.
# - CLV и LTV — одно и то же понятие; всегда уточняйте: выручка или маржа, за какой срок, с дисконтированием или без.
# - Исторический CLV описывает прошлое; для решений нужен прогнозный CLV.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. Two customers each spent $1,000 with you last year. Why might their CLVs be very different, and
#    which figures would you ask for to tell?
# 2. Why is CLV built from margins and not from revenue? Which decision would go wrong if you used
#    revenue?
# 3. What does discounting do to a margin that arrives in five years? Would a higher discount rate
#    make you favour acquisition or retention, and why?
# 4. A report says "LTV = $500". Which three questions do you ask before you use the figure?
# 5. When is historical value the right number to use, and when do you need a predicted CLV?

# %% [markdown] lang="ru" en_hash="5a65517f"
# ## Вопросы для самопроверки
#
# 1. Двое клиентов потратили у вас в прошлом году по 1 000 $. Почему их CLV может сильно различаться
#    и какие цифры вы попросили бы, чтобы это понять?
# 2. Почему CLV считают по марже, а не по выручке? Какое решение оказалось бы неверным, если бы вы
#    взяли выручку?
# 3. Что дисконтирование делает с маржой, которая придёт через пять лет? Если ставка выше, что
#    выгоднее: привлечение или удержание, и почему?
# 4. В отчёте написано «LTV = 500 $». Какие три вопроса вы зададите, прежде чем пользоваться этой
#    цифрой?
# 5. Когда правильно пользоваться исторической ценностью клиента, а когда нужен прогнозный CLV?
