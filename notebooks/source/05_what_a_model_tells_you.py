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
# Historical CLV looks back; the simple formula assumes everybody is average. The **analytic forecasting
# tools** of this notebook look at each customer's own history — how often and how recently they bought —
# and forecast what they will buy next, customer by customer. They are the standard models of the
# research literature (Fader & Hardie and colleagues), and they need nothing but a transaction log.
#
# **You will learn**
#
# - how a transaction log becomes the RFM summary the models need (frequency, recency, T);
# - the story behind BG/NBD, and how Pareto/NBD, MBG/NBD and BG/BB differ from it;
# - to read the probability that a customer is still "alive" and their expected purchases;
# - to add spend with the Gamma-Gamma model and value every customer;
# - to explore one customer at a time with the customer explorer.

# %% [markdown] lang="ru" en_hash="cc3edecd"
# Исторический CLV смотрит назад, простая формула считает всех клиентов одинаковыми. **Аналитические
# инструменты прогнозирования** из этого блокнота смотрят на историю каждого клиента — как часто и как
# давно он покупал — и прогнозируют его будущие покупки, клиент за клиентом. Это стандартные модели из
# научной литературы (Fader & Hardie и соавторы), и им не нужно ничего, кроме журнала покупок.
#
# **Вы научитесь**
#
# - превращать журнал покупок в RFM-сводку, которая нужна моделям (frequency, recency, T);
# - пересказывать идею модели BG/NBD и объяснять, чем от неё отличаются Pareto/NBD, MBG/NBD и BG/BB;
# - читать вероятность того, что клиент ещё «жив», и его ожидаемое число покупок;
# - добавлять средний чек с помощью модели Gamma-Gamma и оценивать CLV каждого клиента;
# - разбирать клиентов по одному в интерактивной панели клиента.

# %%
import pandas as pd

import clvkit as ck
from clvkit import teach
from clvkit.models import BGBB, BGNBD, MBGNBD, GammaGamma, ParetoNBD
from clvkit.i18n import format_money, format_number, format_percent

ck.set_language(tr(en="en", ru="ru"))
# The course's data are in US dollars; the Russian track shows them in roubles at the course's fixed rate.
currency = tr(en="USD", ru="RUB")
ck.set_currency(currency)
lang = ck.get_language()

# %% [markdown] lang="en"
# ## From a transaction log to an RFM summary
#
# The models do not read every purchase; three numbers per customer are enough (the letters of **RFM**:
# recency, frequency, monetary value):
#
# - **frequency** — the number of *repeat* purchases: purchase days minus one (the first purchase
#   only tells us when the customer arrived). Several orders on the same day count as one purchase.
# - **recency** — the time from the first to the **last** purchase (0 for someone who never came back).
# - **T** — the customer's "age": the time from the first purchase to the end of the observation.
# - **monetary_value** — the average value of the repeat purchases (the first one is left out, 0 when
#   there are none).
#
# Times are in weeks, as in the papers. We observe CDNOW's customers for 39 weeks, to 30 September 1997.
# Here is customer 1's log:

# %% [markdown] lang="ru" en_hash="a084cfd4"
# ## От журнала покупок к RFM-сводке
#
# Моделям не нужна каждая покупка: достаточно трёх чисел на клиента (буквы **RFM**: recency — давность,
# frequency — частота, monetary — деньги):
#
# - **frequency** — число *повторных* покупок: дней с покупками минус один (первая покупка говорит лишь
#   о том, когда клиент пришёл). Несколько заказов в один день считаются одной покупкой.
# - **recency** — время от первой до **последней** покупки (0, если клиент так и не вернулся).
# - **T** — «возраст» клиента: время от первой покупки до конца наблюдения.
# - **monetary_value** — средний чек повторных покупок (первая не учитывается; 0, если повторных нет).
#
# Время измеряется в неделях, как в статьях. Клиентов CDNOW мы наблюдаем 39 недель, до 30 сентября
# 1997 года. Суммы CDNOW записаны в долларах, здесь они пересчитаны в рубли по условному курсу
# 100 ₽ за доллар. Вот журнал покупок клиента 1:

# %%
tx = ck.datasets.load_cdnow_transactions(currency=currency)
ck.format_table(tx.loc[(tx["customer_id"] == 1) & (tx["date"] <= "1997-09-30"), ["customer_id", "date", "amount"]],
                lang=lang)

# %% [markdown] lang="en"
# Three purchase days, so **two** repeat purchases. The last one came 213 days = 30.43 weeks after the
# first (recency); from 1 January to 30 September is 272 days = 38.86 weeks (T); the repeat purchases
# averaged (29.73 + 14.96) / 2 = 22.35 dollars. `ck.summarize` does this for every customer at once:

# %% [markdown] lang="ru" en_hash="8b3e90cf"
# Три дня с покупками — значит, **две** повторные покупки. Последняя была через 213 дней = 30,43 недели
# после первой (recency); с 1 января по 30 сентября прошло 272 дня = 38,86 недели (T); средний чек
# повторных покупок (2 973 + 1 496) / 2 = 2 234,5 ₽. `ck.summarize` делает это для всех клиентов сразу:

# %%
summary = ck.summarize(tx, observation_end="1997-09-30", time_unit="W")
print(summary.attrs)
ck.format_table(summary[["frequency", "recency", "T", "monetary_value"]].head().round(2), lang=lang)

# %%
never_back = (summary["frequency"] == 0).mean()
print(tr(en="{n} customers; {share} made no repeat purchase in 39 weeks",
         ru="{n} клиентов; {share} не сделали ни одной повторной покупки за 39 недель").format(n=format_number(len(summary), lang, decimals=0),
                       share=format_percent(never_back, lang, decimals=0)))

# %% [markdown] lang="en"
# ## BG/NBD: buy at your own pace while alive, maybe leave after a purchase
#
# The BG/NBD model (Fader, Hardie & Lee 2005) tells a simple story about every customer:
#
# 1. **While alive, a customer buys at their own steady rate** — some twice a month, some twice a year;
#    purchases arrive at random around that rate (a *Poisson process*: "on average λ a week").
# 2. **After any repeat purchase, the customer may drop out for good** with their own probability *p*; a shop
#    never sees this happen, the customer simply stops coming.
# 3. Customers differ: rates λ follow a gamma distribution with parameters **r** and **α** (the average
#    rate is r / α), and drop-out probabilities p follow a beta distribution with parameters **a** and
#    **b** (the average p is a / (a + b)).
#
# Fitting finds the four numbers that make the observed frequencies, recencies and ages most likely.

# %% [markdown] lang="ru" en_hash="fe742819"
# ## BG/NBD: клиент покупает в своём темпе, пока «жив», и может уйти после покупки
#
# Модель BG/NBD (Fader, Hardie & Lee 2005) рассказывает о каждом клиенте простую историю:
#
# 1. **Пока клиент «жив», он покупает в своём постоянном темпе** — кто-то дважды в месяц, кто-то дважды
#    в год; покупки случаются случайно вокруг этого темпа (*пуассоновский процесс*: «в среднем λ в неделю»).
# 2. **После любой повторной покупки клиент может уйти насовсем** со своей вероятностью *p*; магазин этого не видит —
#    клиент просто перестаёт приходить.
# 3. Клиенты разные: темпы λ подчиняются гамма-распределению с параметрами **r** и **α** (средний темп
#    r / α), а вероятности ухода p — бета-распределению с параметрами **a** и **b** (средняя p равна
#    a / (a + b)).
#
# Обучение модели подбирает четыре числа, при которых наблюдаемые частоты, давности и возрасты клиентов
# наиболее вероятны.

# %%
m = BGNBD().fit(summary)
r, alpha, a, b = m.params_
print(tr(en="average purchase rate while alive: {rate} a week; average chance to drop out after a repeat purchase: {drop}",
         ru="средний темп покупок «живого» клиента: {rate} в неделю; средняя вероятность ухода после повторной покупки: {drop}").format(rate=format_number(r / alpha, lang, decimals=3),
                       drop=format_number(a / (a + b), lang, decimals=2)))
table = m.summary()
bounds = ["se", "ci_low", "ci_high"]  # standard errors and 95% bounds to 2 significant digits
ck.format_table(table.round(3).assign(**{c: table[c].map(lambda x: "{:g}".format(float(f"{x:.2g}"))) for c in bounds}),
                lang=lang)

# %% [markdown] lang="en"
# `m.summary()` gives each parameter with its **standard error** (`se`, how uncertain the estimate is) and a
# **95% confidence interval** (`ci_low` to `ci_high`): the range of values that agree with the data. A
# narrow interval means the data pin the parameter down; the drop-out parameters a and b are wider
# because leaving is never observed directly, only inferred from silence.
#
# ## Three cousins: Pareto/NBD, MBG/NBD and BG/BB
#
# - **Pareto/NBD** (Schmittlein, Morrison & Colombo 1987), the original: customers may drop out at **any
#   moment**, not only right after a purchase (lifetimes are exponential, with rates that vary across
#   customers, parameters s and β). Harder to compute, often very close to BG/NBD.
# - **MBG/NBD** (Batislam, Denizel & Filiztekin 2007): like BG/NBD, but a customer may also drop out right
#   after the **first** purchase. BG/NBD assumes that someone who never came back is certainly alive,
#   which flatters one-time buyers; MBG/NBD does not.
# - **BG/BB** (Fader, Hardie & Shang 2010) is for **discrete** settings, below.
#
# The **log-likelihood** measures how probable a model finds the data we saw: closer to zero is better.
# All three models here have four parameters, so their log-likelihoods compare directly.

# %% [markdown] lang="ru" en_hash="9509f3e2"
# `m.summary()` показывает каждый параметр со **стандартной ошибкой** (`se`, насколько неточна оценка) и
# **95%-ным доверительным интервалом** (от `ci_low` до `ci_high`): диапазоном значений, согласных с
# данными. Узкий интервал — данные хорошо определяют параметр; интервалы параметров ухода a и b шире,
# потому что уход клиента никогда не виден напрямую, о нём судят только по молчанию.
#
# ## Три родственные модели: Pareto/NBD, MBG/NBD и BG/BB
#
# - **Pareto/NBD** (Schmittlein, Morrison & Colombo 1987) — исходная модель: клиент может уйти **в любой
#   момент**, а не только сразу после покупки (время жизни экспоненциальное, его темп у клиентов разный,
#   параметры s и β). Сложнее в расчёте, результаты часто очень близки к BG/NBD.
# - **MBG/NBD** (Batislam, Denizel & Filiztekin 2007): как BG/NBD, но клиент может уйти и сразу после
#   **первой** покупки. BG/NBD считает, что не вернувшийся клиент наверняка «жив», и этим приукрашивает
#   разовых покупателей; MBG/NBD — нет.
# - **BG/BB** (Fader, Hardie & Shang 2010) — для **дискретных** ситуаций, о ней ниже.
#
# **Логарифм правдоподобия** (log-likelihood) показывает, насколько вероятными модель считает увиденные
# данные: чем ближе к нулю, тем лучше. У всех трёх моделей по четыре параметра, поэтому их
# log-likelihood можно сравнивать напрямую.

# %%
models = {"BG/NBD": m, "Pareto/NBD": ParetoNBD().fit(summary), "MBG/NBD": MBGNBD().fit(summary)}
ck.format_table(pd.DataFrame(
    {
        tr(en="parameters",
           ru="параметры"): ["; ".join(f"{ck.tables.term(k, lang)}={format_number(v, lang, decimals=3)}"
                                       for k, v in fit.params_.items())
                      for fit in models.values()],
        "log-likelihood": [round(fit.log_likelihood_, 1) for fit in models.values()],
    },
    index=list(models),
), lang=lang)

# %% [markdown] lang="en"
# The three models describe the data almost equally well. What matters for a marketer is whether they
# *forecast* alike: here is the expected number of repeat purchases of a **new** customer over the next
# 78 weeks under each model.

# %% [markdown] lang="ru" en_hash="e2f383ca"
# Три модели описывают данные почти одинаково хорошо. Маркетологу важнее, одинаково ли они
# *прогнозируют*: вот ожидаемое число повторных покупок **нового** клиента за 78 недель по каждой модели.

# %%
weeks = list(range(79))
curves = pd.DataFrame({name: fit.expected_purchases(weeks) for name, fit in models.items()}, index=weeks)
print(ck.format_table(curves.loc[[26, 52, 78]].round(2), lang=lang))
ax = curves.plot(figsize=(7, 4), xlabel=tr(en="Weeks since the first purchase",
                                           ru="Недели с первой покупки"), ylabel=tr(en="Expected repeat purchases",
                                                                                    ru="Ожидаемые повторные покупки"), title=tr(en="A new customer under three models",
                                                                                                                                ru="Новый клиент в трёх моделях"))

# %% [markdown] lang="en"
# ## Is the customer still alive? P(alive)
#
# A customer who bought often and recently is probably still with us; one who bought often but has been
# silent for months is probably gone — a frequent buyer's long silence says more than an occasional
# buyer's. **P(alive)** puts a number on this. The chart shows it for every combination of frequency and
# recency, for a customer we have known for the full 39 weeks. The white star is customer 142: five
# repeat purchases in the first seven weeks, then nothing.

# %% [markdown] lang="ru" en_hash="05690aa4"
# ## Жив ли ещё клиент? P(alive)
#
# Клиент, который покупал часто и недавно, скорее всего, ещё с нами; тот, кто покупал часто, но молчит уже
# несколько месяцев, скорее всего, ушёл — долгое молчание частого покупателя говорит больше, чем молчание
# редкого. **P(alive)**, вероятность того, что клиент «жив», выражает это числом. На графике она
# показана для всех сочетаний частоты и давности у клиента, которого мы знаем все 39 недель. Белая
# звезда — клиент 142: пять повторных покупок за первые семь недель, а потом тишина.

# %%
one = summary.loc[142]
print(tr(en="customer 142: frequency={frequency}, recency={recency}, T={T}",
         ru="клиент 142: frequency={frequency}, recency={recency}, T={T}").format(**{k: format_number(one[k], lang, decimals=2) for k in ["recency", "T"]},
                       frequency=format_number(one["frequency"], lang, decimals=0)))
ax = ck.plots.plot_probability_alive_matrix(m, summary=summary, customer=(one["frequency"], one["recency"]),
                                            lang=lang)

# %% [markdown] lang="en"
# The top row is a quirk of BG/NBD worth knowing: customers with **no** repeat purchase get P(alive) = 100%,
# because in this model people can only leave right after a purchase (MBG/NBD fixes this). Follow customer
# 142 through time, now with the purchases they made after September 1997 too:

# %% [markdown] lang="ru" en_hash="dc095f6b"
# Верхняя строка — особенность BG/NBD, о которой стоит знать: клиентам **без** повторных покупок модель
# даёт P(alive) = 100%, потому что уйти в ней можно только сразу после покупки (в MBG/NBD этого нет).
# Проследим за клиентом 142 во времени — теперь вместе с покупками после сентября 1997 года:

# %%
history = tx[tx["customer_id"] == 142]
ax = ck.plots.plot_probability_alive_history(m, history, observation_end="1998-06-30", lang=lang)

# %% [markdown] lang="en"
# Each week of silence lowers P(alive); each repeat purchase lifts it again, except the first, which
# takes it down from the 100% of the quirk above (from then on the customer can leave). By the end of the
# calibration period the
# model had all but written customer 142 off — and a few months later they came back. P(alive) is a
# **probability, not a verdict**: of a hundred customers with P(alive) of 1%, about one is still active
# and may come back. Use it to rank and target customers, not to delete them.
#
# ## How many purchases next year?
#
# The second question the models answer is how many purchases each customer will make in a coming
# period. The chart shows the expected purchases in the next 52 weeks by frequency and recency: the most
# valuable customers bought often **and** recently (bottom right).

# %% [markdown] lang="ru" en_hash="43b97e67"
# Каждая неделя молчания снижает P(alive), а каждая повторная покупка снова её поднимает — кроме первой:
# она опускает P(alive) с тех 100%, о которых сказано выше (с этого момента клиент может уйти). К концу
# периода наблюдения модель
# почти списала клиента 142 — а через несколько месяцев он вернулся. P(alive) — это **вероятность, а не
# приговор**: из ста клиентов с P(alive) = 1% примерно один ещё активен и может вернуться. Используйте её,
# чтобы ранжировать клиентов и выбирать, на кого нацелить кампанию, а не чтобы вычёркивать их из базы.
#
# ## Сколько покупок в следующем году?
#
# Второй вопрос, на который отвечают модели: сколько покупок сделает каждый клиент в ближайший период. На
# графике — ожидаемое число покупок в следующие 52 недели в зависимости от частоты и давности: самые
# ценные клиенты покупали часто **и** недавно (справа внизу).

# %%
ax = ck.plots.plot_frequency_recency_matrix(m, t=52, summary=summary, lang=lang)

# %% [markdown] lang="en"
# For real customers, score the summary directly: `m.probability_alive(summary)` and
# `m.predict_purchases(summary, 52)` return one number per customer.

# %% [markdown] lang="ru" en_hash="0289fcb3"
# Для реальных клиентов достаточно оценить сводку целиком: `m.probability_alive(summary)`
# и `m.predict_purchases(summary, 52)` возвращают по одному числу на клиента.

# %%
scores = summary[["frequency", "recency", "T"]].assign(
    p_alive=m.probability_alive(summary),
    next_52_weeks=m.predict_purchases(summary, 52),
)
ck.format_table(scores.loc[[1, 2, 3, 142]].round(3), lang=lang)

# %% [markdown] lang="en"
# Customer 3 never came back, yet gets P(alive) = 1 (the BG/NBD quirk above) and a small forecast: being
# alive with a low buying rate is not worth much.

# %% [markdown] lang="ru" en_hash="dc86a22e"
# Клиент 3 так и не вернулся, но получает P(alive) = 1 (та самая особенность BG/NBD) и маленький прогноз:
# быть «живым» с низким темпом покупок — немного стоит.

# %% [markdown] exercise="05.1"
# *Exercise 05.1: the question and the answer cell are written from clvkit/_exercises/nb06.py.*

# %% exercise="05.1"
# the answer cell of exercise 05.1 is written from clvkit/_exercises/nb06.py

# %% [markdown] exercise="05.2"
# *Exercise 05.2: the question and the answer cell are written from clvkit/_exercises/nb06.py.*

# %% exercise="05.2"
# the answer cell of exercise 05.2 is written from clvkit/_exercises/nb06.py

# %% [markdown] lang="en"
# ## Discrete opportunities: BG/BB
#
# Some businesses offer a purchase only at **fixed moments**: a yearly charity appeal, an annual
# conference, a season ticket. Then each customer either buys or not at each occasion, and BG/BB
# (beta-geometric / beta-Bernoulli, Fader, Hardie & Shang 2010) tells the same story in discrete steps:
# while alive, a customer buys at each occasion with their own probability (α, β), and before each
# occasion may drop out with their own probability (γ, δ).
#
# The example is a panel of 11,104 donors of a non-profit, followed over 6 yearly appeals after their
# first donation. Identical histories are stored once with a `count`; `frequency` is the number of
# repeat donations, `recency` the occasion of the last one and `n_periods` the number of occasions.

# %% [markdown] lang="ru" en_hash="dbe4dfbb"
# ## Дискретные возможности: BG/BB
#
# В некоторых бизнесах купить можно только в **фиксированные моменты**: ежегодный благотворительный
# сбор, ежегодная конференция, абонемент на сезон. Тогда в каждый такой момент клиент либо покупает,
# либо нет, и модель BG/BB (бета-геометрическая / бета-бернуллиевская, Fader, Hardie & Shang 2010)
# рассказывает ту же историю дискретными шагами: «живой» клиент покупает при каждой возможности со своей
# вероятностью (α, β), а перед каждой возможностью может уйти со своей вероятностью (γ, δ).
#
# Пример — данные о 11 104 донорах некоммерческой организации, за которыми следили 6 ежегодных сборов
# после первого пожертвования. Одинаковые истории записаны один раз с числом `count`; `frequency` — число
# повторных пожертвований, `recency` — номер сбора с последним из них, `n_periods` — число сборов.

# %%
donations = ck.datasets.load_donations()
bgbb = BGBB().fit(donations, weights="count")
donors = donations["count"].sum()
print(tr(en="{n} {donors}; log-likelihood = {ll}",
         ru="{n} {donors}; log-likelihood = {ll}").format(n=format_number(donors, lang, decimals=0),
                       donors=ck.i18n.plural(donors, "donor", lang),  # the noun agrees with the number
                       ll=format_number(bgbb.log_likelihood_, lang, decimals=1)))
table = bgbb.summary()
bounds = ["se", "ci_low", "ci_high"]  # standard errors and 95% bounds to 2 significant digits
ck.format_table(table.round(3).assign(**{c: table[c].map(lambda x: "{:g}".format(float(f"{x:.2g}"))) for c in bounds}),
                lang=lang)

# %%
donors = donations.assign(
    p_alive=bgbb.probability_alive(donations),
    next_5_appeals=bgbb.predict_purchases(donations, 5),
)
ck.format_table(donors.sort_values("count", ascending=False).head(6).round(3), lang=lang)

# %% [markdown] exercise="05.3"
# *Exercise 05.3: the question and the answer cell are written from clvkit/_exercises/nb06.py.*

# %% exercise="05.3"
# the answer cell of exercise 05.3 is written from clvkit/_exercises/nb06.py

# %%
teach.hint("05.3", lang=lang)

# %% [markdown] lang="en"
# ## How much per purchase? The Gamma-Gamma model
#
# Purchase counts are half of CLV; the other half is the value of each purchase. Taking a customer's own
# average is risky when it rests on one or two orders. The **Gamma-Gamma** model (Fader, Hardie & Lee
# 2005, "RFM and CLV") assumes each customer has their own typical order value, varying around a
# population average, and **shrinks** each observed average towards the population average — the fewer
# the purchases, the stronger the pull. It uses only repeat customers, and assumes that how much people
# spend does not depend on how often they buy; check that the two are barely correlated.

# %% [markdown] lang="ru" en_hash="f1635b5c"
# ## Сколько за покупку? Модель Gamma-Gamma
#
# Число покупок — половина CLV; вторая половина — сумма каждой покупки. Брать личный средний чек клиента
# рискованно, если за ним один-два заказа. Модель **Gamma-Gamma** (Fader, Hardie & Lee 2005, «RFM and
# CLV») считает, что у каждого клиента свой типичный чек, который колеблется вокруг среднего по всей базе,
# и **подтягивает** наблюдаемый средний чек к общему среднему — тем сильнее, чем меньше покупок. Модель
# использует только клиентов с повторными покупками и предполагает, что размер чека не зависит от частоты
# покупок; проверьте, что связь между ними слабая.

# %%
repeat = summary[summary["frequency"] > 0]
gg = GammaGamma().fit(summary)
print(tr(en="correlation of frequency and average repeat spend: {corr}; population average order value: {mean}",
         ru="корреляция частоты и среднего повторного чека: {corr}; средний чек по всей базе: {mean}").format(corr=format_number(repeat["frequency"].corr(repeat["monetary_value"]), lang, decimals=2),
                       mean=format_money(gg.mean_spend(), lang)))
table = gg.summary()
bounds = ["se", "ci_low", "ci_high"]  # standard errors and 95% bounds to 2 significant digits
ck.format_table(table.round(2).assign(**{c: table[c].map(lambda x: "{:g}".format(float(f"{x:.2g}"))) for c in bounds}),
                lang=lang)

# %%
spend = summary[["frequency", "monetary_value"]].assign(expected_spend=gg.expected_spend(summary))
ck.format_table(spend.loc[[1, 2, 3, 142]].round(2), lang=lang)

# %% [markdown] lang="en"
# Customer 2 spent less than average on one repeat order, so the model expects a bit more next time;
# customer 3 has no repeat orders and gets the population average.
#
# ## The value of every customer
#
# `ck.customer_lifetime_value` multiplies the two forecasts week by week and discounts each week's
# expected purchases: CLV = margin × expected spend × expected purchases, discounted. Here the horizon is
# one year, the discount rate 10% a year, and we assume a 30% margin (CDNOW's real margin is not public).

# %% [markdown] lang="ru" en_hash="29e0816a"
# Клиент 2 потратил в единственном повторном заказе меньше среднего, и модель ждёт от него чуть больше;
# у клиента 3 повторных заказов нет, и он получает средний чек по базе.
#
# ## Ценность каждого клиента
#
# `ck.customer_lifetime_value` перемножает два прогноза неделя за неделей и дисконтирует ожидаемые
# покупки каждой недели: CLV = маржа × ожидаемый чек × ожидаемое число покупок с учётом
# дисконтирования. Горизонт здесь — один год, ставка дисконтирования 10% в год, маржу примем 30%
# (настоящая маржа CDNOW не публикуется).

# %%
values = ck.customer_lifetime_value(m, gg, summary, horizon="12 months", annual_discount_rate=0.1, margin=0.3)
print(tr(en="customer equity (the sum of CLV): {equity}; median CLV: {median}",
         ru="ценность клиентской базы (сумма CLV): {equity}; медианный CLV: {median}").format(equity=format_money(ck.customer_equity(values), lang, decimals=0),
                       median=format_money(values["clv"].median(), lang, decimals=0)))
ck.format_table(values.sort_values("clv", ascending=False).head().round(2).round({"clv": 0}).astype({"clv": int}),
                lang=lang)

# %%
ax = ck.plots.plot_clv_distribution(values, log=True, lang=lang)

# %% [markdown] lang="en"
# A few customers carry much of the value (notice the log scale): notebook 08 turns this into segments and
# target lists.
#
# ## Explore one customer
#
# The explorer starts from customer 1 (change `customer=1` to any id), with the same models, margin and
# discount rate as above. Move the sliders to see how P(alive), the expected purchases and CLV react to
# more purchases, a more recent last purchase or a longer silence; the star on the chart moves with you.

# %% [markdown] lang="ru" en_hash="9eaec9fc"
# Немногие клиенты приносят большую часть ценности (обратите внимание на логарифмическую шкалу): в блокноте
# 08 мы превратим это в сегменты и списки для кампаний.
#
# ## Разберите одного клиента
#
# Панель открывается на клиенте 1 (замените `customer=1` на любой номер) с теми же моделями, маржой
# и ставкой дисконтирования, что и выше. Двигайте ползунки и смотрите, как P(alive), ожидаемые покупки
# и CLV реагируют на новые покупки, на более свежую последнюю покупку или на долгое молчание; звезда на
# графике двигается вместе с вами.

# %% tags=["nbval-ignore-output"]
ck.widgets.CustomerExplorer(m, gg, summary=summary, customer=1, margin=0.3, currency=currency, lang=lang)

# %% [markdown] lang="en"
# ## Key takeaways
#
# - Three numbers per customer — frequency (repeat purchases), recency and age T — are all the purchase
#   models need; `ck.summarize` computes them with the conventions of the literature.
# - BG/NBD: customers buy at their own rate while alive and may drop out after any repeat purchase.
#   Pareto/NBD lets them leave at any moment, MBG/NBD also after the first purchase; on CDNOW all three
#   fit alike.
# - P(alive) and expected purchases rank customers by their future, not their past; a low P(alive) is a
#   probability, not a verdict.
# - For fixed purchase occasions (yearly appeals, annual events) use BG/BB.
# - Gamma-Gamma adds the value per purchase; `ck.customer_lifetime_value` combines both into a discounted
#   CLV for every customer.

# %% [markdown] lang="ru" en_hash="f66a654b"
# ## Главное
#
# - Трёх чисел на клиента — частоты (повторных покупок), давности и возраста T — моделям покупок
#   достаточно; `ck.summarize` считает их по правилам, принятым в литературе.
# - BG/NBD: пока клиент «жив», он покупает в своём темпе и может уйти после любой повторной покупки. В Pareto/NBD уйти
#   можно в любой момент, в MBG/NBD — ещё и после первой покупки; на данных CDNOW все три описывают
#   данные одинаково хорошо.
# - P(alive) и ожидаемые покупки ранжируют клиентов по будущему, а не по прошлому; низкая P(alive) — это
#   вероятность, а не приговор.
# - Для фиксированных моментов покупки (ежегодные сборы, ежегодные события) подходит BG/BB.
# - Gamma-Gamma добавляет сумму покупки; `ck.customer_lifetime_value` соединяет оба прогноза
#   в дисконтированный CLV каждого клиента.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. Two customers made the same number of purchases; one bought last month, the other a year ago.
#    Why does the model rank them differently?
# 2. A frequent buyer who has gone silent can have a lower P(alive) than an occasional buyer silent
#    for just as long. Why?
# 3. A customer's P(alive) is 0.2. Do you take him off your mailing list? What would you do instead?
# 4. When would you choose BG/BB instead of BG/NBD, and sBG instead of both?
# 5. Why does the model's CLV already include the risk that the customer has left, and what does
#    that mean for "value at risk"?

# %% [markdown] lang="ru" en_hash="ec64929a"
# ## Вопросы для самопроверки
#
# 1. Два клиента сделали одинаковое число покупок; один покупал в прошлом месяце, другой — год
#    назад. Почему модель оценивает их по-разному?
# 2. У частого покупателя, который замолчал, P(alive) может быть ниже, чем у редкого покупателя,
#    молчащего столько же. Почему?
# 3. P(alive) клиента — 0,2. Уберёте ли вы его из рассылки? Что вы сделаете вместо этого?
# 4. Когда вы выберете BG/BB вместо BG/NBD, а sBG — вместо обеих?
# 5. Почему CLV из модели уже учитывает риск того, что клиент ушёл, и что это значит для «ценности
#    под угрозой»?
