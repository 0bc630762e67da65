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
# relationship, counted as margin and in today's money. It turns "a customer" from a line in a sales
# report into an asset whose value you can compare with what it costs to win and keep them.
#
# **You will learn**
#
# - what CLV is, and what it is not (not revenue to date, not the average order, not one order's margin);
# - how to lay out one customer's cash flow year by year, with retention and discounting, and add it up;
# - what CLV and LTV mean, and how historical value differs from predicted value.

# %% [markdown] lang="ru" en_hash="83e4319a"
# **Пожизненная ценность клиента (CLV, Customer Lifetime Value)** — это деньги, которые клиент принесёт
# бизнесу за всё время отношений, посчитанные как маржа и в сегодняшних деньгах. CLV превращает клиента
# из строчки в отчёте о продажах в актив, ценность которого можно сравнить с тем, сколько стоит его
# привлечь и удержать.
#
# **Вы научитесь**
#
# - объяснять, что такое CLV и чем он не является (не выручка на сегодня, не средний чек, не маржа одного заказа);
# - раскладывать денежный поток одного клиента по годам с учётом удержания и дисконтирования и складывать его;
# - разбираться в терминах CLV и LTV и отличать исторический CLV от прогнозного.

# %%
import pandas as pd
import clvkit as ck
from clvkit import teach
from clvkit.i18n import format_money, format_percent

ck.set_language(tr(en="en", ru="ru"))
# The course's data are in US dollars; the Russian track shows them in roubles at the course's fixed rate.
currency = tr(en="USD", ru="RUB")
ck.set_currency(currency)
per_dollar = ck.datasets.COURSE_RATES[currency]  # units of the currency per dollar of the data: 1 or 100
lang = ck.get_language()

# %% [markdown] lang="en"
# ## The definition
#
# CLV is the **present value of the future margins** a customer brings:
#
# - **margin**: what is left of the revenue after the cost of the goods and of serving the customer
#   (a $50 order at a 30% gross margin earns $15, not $50);
# - **future**: each year the customer may leave, so every future margin is weighted by the chance the
#   customer is still with you;
# - **present value**: a dollar next year is worth less than a dollar today, so future money is
#   *discounted*: divided by $(1 + d)$ for every year it is away, where $d$ is the discount rate.
#
# $$\text{CLV} = \sum_{t=1}^{\infty} \frac{m_t \cdot S_t}{(1 + d)^t}$$
#
# For every future year $t$: the margin $m_t$, times the chance $S_t$ that the customer is still a
# customer then, shrunk by the discount factor; then add the years up (Gupta & Lehmann 2003).
#
# ## One customer's cash flow
#
# Start with a customer whose future we know: they stay exactly five years and bring $120 of margin in
# the first year (a welcome discount eats into it) and $150 in each later year. We discount at 10% a year.

# %% [markdown] lang="ru" en_hash="c01039bf"
# ## Определение
#
# CLV — это **приведённая (сегодняшняя) стоимость будущей маржи**, которую принесёт клиент:
#
# - **маржа** — то, что остаётся от выручки после себестоимости товара и затрат на обслуживание клиента
#   (заказ на 5 000 ₽ при валовой марже 30% приносит 1 500 ₽, а не 5 000 ₽);
# - **будущая** — каждый год клиент может уйти, поэтому каждую будущую маржу взвешивают вероятностью,
#   что клиент к тому времени ещё с вами;
# - **приведённая** — рубль через год стоит меньше рубля сегодня, поэтому будущие деньги
#   *дисконтируют*: делят на $(1 + d)$ за каждый год ожидания, где $d$ — ставка дисконтирования.
#
# $$\text{CLV} = \sum_{t=1}^{\infty} \frac{m_t \cdot S_t}{(1 + d)^t}$$
#
# Для каждого будущего года $t$: маржа $m_t$, умноженная на вероятность $S_t$, что клиент к этому году
# всё ещё остаётся клиентом, и уменьшенная коэффициентом дисконтирования; затем годы складывают
# (Gupta & Lehmann 2003).
#
# ## Денежный поток одного клиента
#
# Начнём с клиента, будущее которого нам известно: он останется ровно пять лет и принесёт 12 000 ₽ маржи
# в первый год (часть съест приветственная скидка) и по 15 000 ₽ в каждый следующий. Ставка
# дисконтирования — 10% в год.

# %%
flow = pd.DataFrame({"expected_margin": [m * per_dollar for m in (120.0, 150, 150, 150, 150)]},
                    index=pd.Index([1, 2, 3, 4, 5], name="period"))
flow["discount_factor"] = 1 / 1.1 ** flow.index
flow["present_value"] = flow["expected_margin"] * flow["discount_factor"]
print(tr(en="Margins added up:", ru="Сумма маржи:"), format_money(flow["expected_margin"].sum(), lang, decimals=0))
print(tr(en="CLV (present value):", ru="CLV (приведённая стоимость):"),
      format_money(flow["present_value"].sum(), lang, decimals=0))
ck.format_table(flow.round(2), lang=lang)

# %% [markdown] lang="en"
# The pale bars are the margins as they arrive; the dark bars are what each is worth today. The further
# away a year, the bigger the gap; the CLV is the sum of the dark bars.

# %% [markdown] lang="ru" en_hash="1fc39db2"
# Светлые столбики — маржа в момент поступления, тёмные — сколько она стоит сегодня. Чем дальше год,
# тем больше разрыв; CLV — сумма тёмных столбиков.

# %%
ax = ck.plots.plot_cash_flow(flow, time_unit="Y", lang=lang)

# %% [markdown] exercise="01.1"
# *Exercise 01.1: the question and the answer cell are written from clvkit/_exercises/nb01.py.*

# %% exercise="01.1"
# the answer cell of exercise 01.1 is written from clvkit/_exercises/nb01.py

# %% [markdown] lang="en"
# ## We never know how long a customer stays: retention
#
# Nobody tells us that a customer will stay five years. What we can measure is **retention**: the share
# of one year's customers who are still customers the next. At 80%, a new customer is still with us
# after one year with probability 0.8, after two 0.8 × 0.8 = 0.64, and so on (the `survival` column).
# Take a customer who brings $150 of margin a year while they stay, at 80% retention and a 10% discount
# rate. Each year the expected margin shrinks twice: fewer customers are left, and the money is further
# away.

# %% [markdown] lang="ru" en_hash="78e56474"
# ## Мы не знаем, сколько клиент пробудет с нами: удержание
#
# Никто не сообщает, что клиент останется на пять лет. Измерить можно **удержание** — долю клиентов
# этого года, которые остались клиентами и в следующем. При 80% новый клиент через год всё ещё с нами
# с вероятностью 0,8, через два — 0,8 × 0,8 = 0,64 и так далее (столбец `survival`, выживаемость).
# Возьмём клиента, который приносит 15 000 ₽ маржи в год, пока остаётся клиентом, при удержании 80%
# и ставке дисконтирования 10%. Каждый год ожидаемая маржа уменьшается дважды: клиентов остаётся меньше,
# а деньги приходят всё позже.

# %%
expected = ck.formulas.cumulative_value(150 * per_dollar, 0.8, 0.1, periods=10)
ck.format_table(expected.round(2), lang=lang)

# %% [markdown] lang="en"
# `ck.formulas.dcf_clv` (DCF: *discounted cash flow*) adds the same up in one call. Without a horizon
# it counts every future year with the closed form $m \cdot r / (1 + d - r)$: the total levels off,
# because after a decade almost nobody is left and what remains is heavily discounted.

# %% [markdown] lang="ru" en_hash="d80229d3"
# `ck.formulas.dcf_clv` (DCF — *discounted cash flow*, дисконтированный денежный поток) складывает то же
# самое одним вызовом. Без горизонта функция учитывает все будущие годы по формуле
# $m \cdot r / (1 + d - r)$: сумма выходит на плато, потому что через десять лет клиентов почти не
# остаётся, а далёкие деньги сильно дисконтированы.

# %%
by_hand = (expected["expected_margin"] * expected["discount_factor"]).sum()
print(tr(en="10 years, summed by hand:  ", ru="10 лет, сумма вручную:     "), format_money(by_hand, lang, decimals=0))
print(tr(en="10 years, dcf_clv:         ", ru="10 лет, dcf_clv:           "),
      format_money(ck.formulas.dcf_clv(150 * per_dollar, 0.8, 0.1, periods=10), lang, decimals=0))
print(tr(en="every future year, dcf_clv:", ru="все будущие годы, dcf_clv: "),
      format_money(ck.formulas.dcf_clv(150 * per_dollar, 0.8, 0.1), lang, decimals=0))

# %% [markdown] lang="en"
# ## What CLV is, and what it is not
#
# | number | why it is not CLV |
# |---|---|
# | revenue from the customer to date | it looks back, not forward, and it is revenue, not margin |
# | average order value (AOV) | one order, not the whole relationship; revenue, not margin |
# | margin of one order | it ignores how often and how long the customer buys |
# | expected future revenue | it looks forward, but counts revenue, not the margin left after costs |
#
# A shop customer orders 10 times a year at $50, the gross margin is 30%, they have been a customer for
# two years, retention is 80% a year and the discount rate 10%. The cell computes five numbers about
# them: **a** the average order; **b** the revenue of their two years so far; **c** the margin of one
# order; **d** the expected future margin, weighted by the chance they stay and discounted; **e** the
# expected future revenue, weighted and discounted the same way.

# %% [markdown] lang="ru" en_hash="5d159d24"
# ## Что такое CLV и чем он не является
#
# | показатель | почему это не CLV |
# |---|---|
# | выручка от клиента на сегодня | смотрит назад, а не вперёд, и это выручка, а не маржа |
# | средний чек (AOV) | один заказ, а не все отношения; выручка, а не маржа |
# | маржа одного заказа | не учитывает, как часто и как долго клиент покупает |
# | ожидаемая будущая выручка | смотрит вперёд, но считает выручку, а не маржу после затрат |
#
# Клиент магазина делает 10 заказов в год со средним чеком 5 000 ₽, валовая маржа 30%, он покупает у нас
# уже два года, удержание — 80% в год, ставка дисконтирования — 10%. Ячейка считает пять чисел о нём:
# **a** — средний чек; **b** — выручка за два прошедших года; **c** — маржа одного заказа; **d** —
# ожидаемая будущая маржа с учётом вероятности удержания, дисконтированная; **e** — ожидаемая будущая
# выручка, взвешенная и дисконтированная так же.

# %%
aov, orders_per_year, margin = 50 * per_dollar, 10, 0.3
candidates = pd.Series({
    "a": aov,
    "b": aov * orders_per_year * 2,
    "c": aov * margin,
    "d": ck.formulas.dcf_clv(aov * orders_per_year * margin, 0.8, 0.1),
    "e": ck.formulas.dcf_clv(aov * orders_per_year, 0.8, 0.1),
})
ck.format_table(candidates.round(2), lang=lang)

# %% [markdown] exercise="01.2"
# *Exercise 01.2: the question and the answer cell are written from clvkit/_exercises/nb01.py.*

# %% exercise="01.2"
# the answer cell of exercise 01.2 is written from clvkit/_exercises/nb01.py

# %% [markdown] lang="en"
# ## CLV or LTV? Historical or predicted?
#
# **CLV** and **LTV** (lifetime value) name the same idea; LTV is the usual word in start-ups and ad
# platforms (as in LTV:CAC, notebook 02). Whenever someone quotes one, ask: **revenue or margin? over
# what horizon? discounted or not?** In this course both mean discounted margin, and the horizon is
# always stated.
#
# **Historical CLV** adds up what each customer has *already* brought: spend to date times the margin.
# Here it is for the 2,357 CDNOW customers (an online music store) over 18 months, at an assumed 30%
# margin:

# %% [markdown] lang="ru" en_hash="72927eee"
# ## CLV или LTV? Исторический или прогнозный?
#
# **CLV** и **LTV** (lifetime value) — названия одного понятия; LTV чаще звучит в стартапах и рекламных
# кабинетах (например, LTV:CAC, блокнот 02). Когда вам называют любое из них, спросите: **выручка или
# маржа? за какой срок? с дисконтированием или без?** В этом курсе оба означают дисконтированную маржу,
# а срок всегда указан.
#
# **Исторический CLV** складывает то, что каждый клиент *уже* принёс: его покупки на сегодня, умноженные
# на маржу. Вот он для 2 357 клиентов CDNOW (интернет-магазин музыки) за 18 месяцев при условной марже
# 30%; суммы пересчитаны в рубли по условному курсу 100 ₽ за доллар:

# %%
transactions = ck.datasets.load_cdnow_transactions(currency=currency)
historical_value = ck.formulas.historical_clv(transactions, margin=0.3)
print(tr(en="Mean historical value per customer:", ru="Средний исторический CLV клиента:"),
      format_money(historical_value.mean(), lang, decimals=0))
print(tr(en="Median (half the customers brought less):", ru="Медиана (половина клиентов принесла меньше):"),
      format_money(historical_value.median(), lang, decimals=0))
print(tr(en="Customers who bought only once:", ru="Клиентов с одной покупкой:"),
      format_percent((transactions.groupby("customer_id").size() == 1).mean(), lang))

# %% [markdown] lang="en"
# Historical value looks **back**: a big spender who has already left still scores high, and a new
# customer scores almost nothing however promising. It says nothing about the years ahead, which is
# what acquisition and retention decisions are about. **Predicted CLV** fills the gap: a model
# (notebook 05) estimates each customer's future purchases from their history. Use historical
# value to describe the past, predicted CLV to decide.
#
# ## Key takeaways
#
# - CLV is the present value of the **future margins** a customer brings over the whole relationship.
# - It is not revenue to date, not the average order, not one order's margin, and not future revenue.
# - Every future margin is weighted by the chance the customer stays and discounted; `dcf_clv` adds it up.
# - CLV and LTV are the same idea; always ask: revenue or margin, which horizon, discounted or not.
# - Historical value describes the past; decisions need predicted CLV.

# %% [markdown] lang="ru" en_hash="3649b8f2"
# Исторический CLV смотрит **назад**: крупный покупатель, который уже ушёл, всё равно выглядит ценным,
# а новый клиент — почти ничего не стоящим, каким бы перспективным он ни был. О будущих годах он ничего
# не говорит, а именно ради них принимают решения о привлечении и удержании. **Прогнозный CLV**
# закрывает этот пробел: модель (блокнот 05) прогнозирует будущие покупки каждого клиента по его
# истории. Исторический CLV — чтобы описывать прошлое, прогнозный — чтобы принимать решения.
#
# ## Главное
#
# - CLV — приведённая стоимость **будущей маржи**, которую клиент принесёт за всё время отношений.
# - Это не выручка на сегодня, не средний чек, не маржа одного заказа и не будущая выручка.
# - Каждую будущую маржу взвешивают вероятностью удержания и дисконтируют; `dcf_clv` складывает всё вместе.
# - CLV и LTV — одно и то же понятие; всегда уточняйте: выручка или маржа, за какой срок, с дисконтированием или без.
# - Исторический CLV описывает прошлое; для решений нужен прогнозный CLV.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. Two customers each spent $1,000 with you last year. Why might their CLVs be very different, and
#    which figures would you ask for to tell?
# 2. Why is CLV built from margins and not from revenue? Which decision would go wrong with revenue?
# 3. What does discounting do to a margin that arrives in five years? Would a higher discount rate make
#    you favour acquisition or retention, and why?
# 4. A report says "LTV = $500". Which three questions do you ask before you use the figure?
# 5. When is historical value the right number to use, and when do you need a predicted CLV?

# %% [markdown] lang="ru" en_hash="a9fb64a9"
# ## Вопросы для самопроверки
#
# 1. Двое клиентов потратили у вас в прошлом году по 100 000 ₽. Почему их CLV может сильно различаться
#    и какие цифры вы попросили бы, чтобы это понять?
# 2. Почему CLV считают по марже, а не по выручке? Какое решение оказалось бы неверным, если бы вы взяли
#    выручку?
# 3. Что дисконтирование делает с маржой, которая придёт через пять лет? Если ставка выше, что выгоднее:
#    привлечение или удержание, и почему?
# 4. В отчёте написано «LTV = 50 000 ₽». Какие три вопроса вы зададите, прежде чем пользоваться этой
#    цифрой?
# 5. Когда правильно пользоваться исторической ценностью клиента, а когда нужен прогнозный CLV?
