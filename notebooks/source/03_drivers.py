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
# CLV is built from four numbers a marketing team can move: how much customers spend per order, how often
# they order, the margin on it, and how long they stay.
#
# **You will learn**
#
# - the four drivers of CLV, and where the cost of keeping customers enters the formula;
# - to rank the drivers with a tornado chart, and why retention has increasing returns;
# - to decide whether a retention programme is worth its cost;
# - which figure shows whether a programme acts through retention or through frequency, and why a
#   simulation cannot prove which.

# %% [markdown] lang="ru" en_hash="f8093e8f"
# CLV складывается из четырёх величин, которые маркетинг может сдвинуть: сколько клиент тратит за заказ,
# как часто заказывает, какая на этом маржа и как долго он остаётся.
#
# **Вы научитесь**
#
# - называть четыре фактора CLV и показывать, где в формулу входят затраты на удержание клиентов;
# - ранжировать факторы с помощью диаграммы «торнадо» и объяснять, почему отдача от удержания растёт;
# - решать, окупает ли программа удержания свои затраты;
# - понимать, по какой цифре видно, действует программа через удержание или через частоту покупок, и почему
#   симуляция не может этого доказать.

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
# ## Four drivers in one formula
#
# With a constant yearly margin and retention, the CLV of notebook 01 is
#
# $$\text{CLV} = \underbrace{\text{AOV} \times \text{frequency} \times \text{margin}}_{\text{margin a year, } m}
# \times \frac{r}{1 + d - r}$$
#
# **Average order value (AOV)**, **purchase frequency** (orders a year) and **margin** multiply into the
# margin a year $m$; **retention** $r$ sets how long it keeps coming. A customer stays on average
# $1 / (1 - r)$ years counting the current one: five years at 80% retention, ten at 90%. The formula counts
# only the margins still to come, $r / (1 - r) = 1 / (1 - r) - 1$ of them (four at 80%), because this
# year's margin is already in hand; without discounting the CLV is exactly $m \times r / (1 - r)$. The
# **discount rate** $d$ (10% here) makes distant years count less. Our example customer orders 5 times a
# year at $75, at a 40% margin, with 80% retention:

# %% [markdown] lang="ru" en_hash="0991765d"
# ## Четыре фактора в одной формуле
#
# При постоянных годовой марже и удержании CLV из блокнота 01 равен
#
# $$\text{CLV} = \underbrace{\text{средний чек} \times \text{частота} \times \text{маржа}}_{\text{маржа в год, } m}
# \times \frac{r}{1 + d - r}$$
#
# **Средний чек**, **частота покупок** (заказов в год) и **маржа** перемножаются в маржу за год $m$;
# **удержание** $r$ задаёт, как долго она поступает. В среднем клиент остаётся $1 / (1 - r)$ лет, считая
# текущий: пять лет при удержании 80%, десять при 90%. Формула считает только будущие маржи, их
# $r / (1 - r) = 1 / (1 - r) - 1$ (четыре при 80%), ведь маржа текущего года уже получена; без
# дисконтирования CLV равен ровно $m \times r / (1 - r)$. **Ставка дисконтирования** $d$ (здесь 10%)
# уменьшает вес далёких лет. Клиент из нашего примера заказывает 5 раз в год со средним чеком 7 500 ₽,
# маржа 40%, удержание 80%:

# %%
aov, frequency, margin, retention, discount = 75 * per_dollar, 5, 0.4, 0.8, 0.1
yearly_margin = aov * frequency * margin
clv = ck.formulas.dcf_clv(yearly_margin, retention, discount)
print(tr(en="Margin a year:", ru="Маржа в год:"), format_money(yearly_margin, lang, decimals=0))
print(tr(en="Years a customer stays, counting this one, 1 / (1 − r):",
         ru="Лет с нами, считая текущий, 1 / (1 − r):"), format_number(1 / (1 - retention), lang))
print(tr(en="Future yearly margins the formula counts, r / (1 − r):",
         ru="Будущих годовых марж в формуле, r / (1 − r):"),
      format_number(retention / (1 - retention), lang))
print(tr(en="CLV without discounting, m × r / (1 − r):", ru="CLV без дисконтирования, m × r / (1 − r):"),
      format_money(ck.formulas.dcf_clv(yearly_margin, retention, 0.0), lang, decimals=0))
print(tr(en="CLV at a 10% discount rate:", ru="CLV при ставке 10%:"), format_money(clv, lang, decimals=0))

# %% [markdown] lang="en"
# ## Which lever matters most
#
# An **elasticity** says by how many percent CLV moves when a driver moves by 1%. AOV, frequency and margin
# multiply the CLV, so theirs is exactly 1; retention's is $(1 + d) / (1 + d - r)$, about 3.7 here. The
# tornado chart shows the CLV when each driver moves 10% down and 10% up; the widest bar is the strongest
# lever. Retention's bar is lopsided: +10% gains more than −10% loses.

# %% [markdown] lang="ru" en_hash="b0550f22"
# ## Какой рычаг сильнее
#
# **Эластичность** показывает, на сколько процентов изменится CLV, если фактор изменится на 1%. Средний
# чек, частота и маржа умножают CLV, поэтому их эластичность ровно 1; у удержания она равна
# $(1 + d) / (1 + d - r)$, здесь около 3,7. Диаграмма «торнадо» показывает CLV, когда каждый фактор
# уменьшается и увеличивается на 10%; самая широкая полоса — самый сильный рычаг. Полоса удержания
# несимметрична: +10% дают больше, чем −10% отнимают.

# %%
drivers = ck.formulas.clv_elasticities(aov=aov, purchases_per_period=frequency, margin=margin,
                                       retention=retention, discount_rate=discount)
ax = ck.plots.plot_tornado(drivers, lang=lang)

# %% [markdown] lang="en"
# ## Retention has increasing returns
#
# Each point of retention is worth more than the one before: from 80% to 90% the customer stays twice as
# long, and every added year brings its margin. The last column is what each step of
# ten points adds to the one before (from 50% to 60% in the first row):

# %% [markdown] lang="ru" en_hash="591e11e6"
# ## Отдача от удержания растёт
#
# Каждый следующий пункт удержания стоит больше предыдущего: при росте с 80% до 90% клиент остаётся вдвое
# дольше, и каждый добавленный год приносит свою маржу. Последний столбец —
# сколько добавляет каждый шаг в десять пунктов к предыдущему (в первой строке — от 50% до 60%):

# %%
steps = pd.DataFrame({"retention": [0.5, 0.6, 0.7, 0.8, 0.9]})
steps["expected_years"] = 1 / (1 - steps["retention"])
steps["clv"] = [ck.formulas.dcf_clv(yearly_margin, r, discount) for r in steps["retention"]]
steps["gain_from_previous"] = steps["clv"].diff()
steps = steps.dropna().round({"expected_years": 1, "clv": 0, "gain_from_previous": 0}).astype(
    {"clv": int, "gain_from_previous": int})  # round first: astype alone would cut $399.99 to 399
ck.format_table(steps, lang=lang)

# %% [markdown] lang="en"
# ## Move the levers
#
# A period is a year here. Raise retention from 80% to 90% and watch the CLV; then set it back and raise
# the order value by 10% instead.

# %% [markdown] lang="ru" en_hash="12b22938"
# ## Подвигайте рычаги
#
# Период здесь — год. Поднимите удержание с 80% до 90% и посмотрите на CLV; затем верните его и вместо
# этого поднимите средний чек на 10%.

# %% tags=["nbval-ignore-output"]
ck.widgets.DriverExplorer(aov=aov, purchases_per_period=frequency, margin=margin, retention=retention,
                          annual_discount_rate=discount, horizon=30, cac=100 * per_dollar, time_unit="Y",
                          currency=currency, lang=lang)

# %% [markdown] lang="en"
# ## What keeping a customer costs
#
# Retention is rarely free: a loyalty programme or a service team costs money **every year, for every
# customer who stays**. That cost comes off each year's margin before it is multiplied by
# the lifetime:
#
# $$\text{CLV} = (\text{AOV} \times \text{frequency} \times \text{margin} - \text{retention cost a year})
# \times \frac{r}{1 + d - r}$$
#
# and the acquisition cost comes off the result when you speak of the profit a new customer brings.
# Say a programme would lift our customer's
# retention from 80% to 85%. The table prices it at several yearly costs per customer against the CLV
# without it; the break-even is the most the programme may cost:

# %% [markdown] lang="ru" en_hash="30886247"
# ## Во что обходится удержание
#
# Удержание редко бывает бесплатным: программа лояльности или служба заботы стоят денег **каждый год
# за каждого оставшегося клиента**. Эти затраты вычитаются из маржи каждого года до того, как она
# умножается на срок жизни:
#
# $$\text{CLV} = (\text{средний чек} \times \text{частота} \times \text{маржа} - \text{затраты на удержание в год})
# \times \frac{r}{1 + d - r}$$
#
# а когда речь о прибыли от нового клиента, из результата вычитают ещё и стоимость привлечения.
# Допустим, программа подняла бы
# удержание нашего клиента с 80% до 85%. Таблица оценивает её при разных годовых затратах на клиента
# в сравнении с CLV без программы; точка безубыточности — наибольшее, что программа может стоить:

# %%
programme = pd.DataFrame({"cost_per_period": [0, 10, 20, 30, 40]}) * per_dollar
programme["clv_after"] = [ck.formulas.dcf_clv(yearly_margin, 0.85, discount, cost_per_period=c)
                          for c in programme["cost_per_period"]]
programme["net_uplift"] = programme["clv_after"] - clv
break_even = yearly_margin * (1 - (retention / (1 + discount - retention)) / (0.85 / (1 + discount - 0.85)))
print(tr(en="CLV without the programme:", ru="CLV без программы:"), format_money(clv, lang, decimals=0))
print(tr(en="Break-even cost a customer a year:", ru="Предельные затраты на клиента в год (точка безубыточности):"),
      format_money(break_even, lang, decimals=2))
ck.format_table(programme.round(0).astype(int), lang=lang)

# %% [markdown] lang="en"
# A programme worth paying for raises the CLV **after** its yearly cost. Reinartz & Kumar (2002) warn that
# long-lived customers are not automatically profitable: some cost a lot to serve, which is this cost term
# at work.

# %% [markdown] lang="ru" en_hash="d0a112e6"
# Программа стоит своих денег, если поднимает CLV **после** вычета своих ежегодных затрат. Reinartz & Kumar
# (2002) предупреждают: давние клиенты не обязательно прибыльны, некоторые дорого обходятся в
# обслуживании — вот зачем в формуле слагаемое затрат.

# %% [markdown] exercise="03.1"
# *Exercise 03.1: the question and the answer cell are written from clvkit/_exercises/nb03.py.*

# %% exercise="03.1"
# the answer cell of exercise 03.1 is written from clvkit/_exercises/nb03.py

# %% [markdown] lang="en"
# ## Satisfaction and engagement act through retention and frequency
#
# Satisfaction and engagement are not in the formula, yet they matter: satisfied customers stay longer
# (Bolton 1998), engaged ones buy more (Kumar et al. 2010). `ck.simulate` builds a synthetic shop of 3,000 customers over two years, each with a satisfaction and an
# engagement score from 0 to 10. We **tell** the simulator to tie satisfaction to how long customers stay
# and engagement to how often they buy (`satisfaction=0.8, engagement=0.8`). For each third of each score
# the table shows the **pace** (median repeat purchases a week, for those who came back) and the **share
# still buying** (a purchase in the last 13 weeks):

# %% [markdown] lang="ru" en_hash="1607e35d"
# ## Удовлетворённость и вовлечённость действуют через удержание и частоту
#
# Удовлетворённости и вовлечённости нет в формуле, но они важны: удовлетворённые клиенты остаются дольше
# (Bolton 1998), вовлечённые покупают больше (Kumar et al. 2010). `ck.simulate` создаёт синтетический магазин: 3 000 клиентов за два года, у
# каждого оценка удовлетворённости и оценка вовлечённости от 0 до 10. Мы **сами задаём** симулятору, что
# удовлетворённость связана с тем, как долго клиент остаётся, а вовлечённость — с тем, как часто он покупает
# (`satisfaction=0.8, engagement=0.8`). Для каждой трети каждой оценки таблица показывает **темп** (медиана
# повторных покупок в неделю у вернувшихся) и **долю всё ещё покупающих** (покупка за последние 13 недель):

# %%
shop = ck.simulate.simulate_transactions(3000, r=0.5, alpha=8, a=0.6, b=2.0, satisfaction=0.8,
                                         engagement=0.8, seed=7)
base = ck.summarize(shop, observation_end=shop.attrs["observation_end"], time_unit="W")
base = base.join(shop.groupby("customer_id")[["satisfaction", "engagement"]].first())
base["purchases_per_week"] = base["frequency"] / base["recency"].where(base["recency"] > 0)
base["still_buying"] = (base["T"] - base["recency"]) < 13
def by_third(score):
    thirds = pd.cut(base[score], [0, 10 / 3, 20 / 3, 10], labels=tr(en=["low", "medium", "high"],
                    ru=["низкая", "средняя", "высокая"]), include_lowest=True)
    return base.groupby(thirds, observed=True).agg(purchases_per_week=("purchases_per_week", "median"),
                                                   still_buying=("still_buying", "mean")).round(3)
shop_table = pd.concat({score: by_third(score) for score in ("satisfaction", "engagement")}, axis=1)
ck.format_table(shop_table.apply(lambda col: col.map(lambda x: format_percent(x, lang, decimals=0))
                                 if col.name[1] == "still_buying" else col), lang=lang)

# %% [markdown] lang="en"
# The table shows the recipe we gave the simulator, not evidence: **satisfaction** leaves the pace flat
# but changes who is still buying, the signature of **retention**; **engagement** changes the pace itself,
# the signature of **frequency** (and engaged customers, buying more often, more often bought recently).
# The evidence comes from real customers, such as the mobile phone subscribers of Bolton (1998).

# %% [markdown] lang="ru" en_hash="3e14a544"
# Таблица показывает рецепт, который мы дали симулятору, а не доказательство: **удовлетворённость** не
# меняет темп, но меняет долю тех, кто всё ещё покупает, — так выглядит **удержание**; **вовлечённость**
# меняет сам темп — так выглядит **частота** (а вовлечённые, покупая чаще, чаще и покупали недавно).
# Доказательства дают реальные клиенты, например абоненты мобильного оператора у Bolton (1998).

# %% [markdown] exercise="03.2"
# *Exercise 03.2: the question and the answer cell are written from clvkit/_exercises/nb03.py.*

# %% exercise="03.2"
# the answer cell of exercise 03.2 is written from clvkit/_exercises/nb03.py

# %% [markdown] lang="en"
# ## Key takeaways
#
# - CLV = (AOV × frequency × margin − retention cost a year) × the future years a customer pays for,
#   discounted; a customer stays 1 / (1 − r) years, of which r / (1 − r) are still to come.
# - The tornado chart ranks the levers; retention usually wins, and each point of it is worth more than
#   the last.
# - A retention programme pays only if the CLV after its yearly cost beats the CLV without it.
# - Satisfaction acts through retention (Bolton 1998), engagement through frequency: judge a satisfaction
#   programme by the share still buying and an engagement programme by purchase frequency, measured on
#   your own customers; a simulation only shows what it was told.

# %% [markdown] lang="ru" en_hash="ca69221e"
# ## Главное
#
# - CLV = (средний чек × частота × маржа − затраты на удержание в год) × будущие годы, за которые клиент
#   платит, с дисконтированием; клиент остаётся 1 / (1 − r) лет, из них r / (1 − r) ещё впереди.
# - «Торнадо» ранжирует рычаги; обычно выигрывает удержание, и каждый его пункт стоит больше предыдущего.
# - Программа удержания окупается, только если CLV после её ежегодных затрат выше CLV без неё.
# - Удовлетворённость действует через удержание (Bolton 1998), вовлечённость — через частоту: программу
#   удовлетворённости оценивайте по доле всё ещё покупающих, а программу вовлечённости — по частоте
#   покупок, и на своих клиентах; симуляция показывает лишь то, что в неё заложили.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. At 80% retention a customer stays five years, yet the formula counts four yearly margins. Why?
# 2. Your team can raise the order value by 10% or retention by 10% for the same money. Which adds more,
#    and how does the gap change in a business that keeps few customers?
# 3. A programme costs $25 a customer a year and lifts retention from 80% to 85%. Is it worth it for the
#    example customer, and what is the most it may cost?
# 4. A satisfaction programme raised the satisfaction score, but CLV did not move. Which figure would you
#    look at to find where the chain broke?
# 5. Why should a loyalty programme reward value rather than tenure?

# %% [markdown] lang="ru" en_hash="3aadfd9b"
# ## Вопросы для самопроверки
#
# 1. При удержании 80% клиент остаётся пять лет, а формула считает четыре годовые маржи. Почему?
# 2. Команда может на те же деньги поднять средний чек на 10% или удержание на 10%. Что даст больше и
#    как меняется разрыв в бизнесе, который удерживает мало клиентов?
# 3. Программа стоит 2 500 ₽ на клиента в год и поднимает удержание с 80% до 85%. Стоит ли она того для
#    клиента из примера и сколько она может стоить самое большее?
# 4. Программа удовлетворённости подняла оценку удовлетворённости, а CLV не изменился. На какую цифру вы
#    посмотрите, чтобы найти, где оборвалась цепочка?
# 5. Почему программа лояльности должна вознаграждать ценность клиента, а не стаж?
