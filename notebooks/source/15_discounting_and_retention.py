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
# The simple formula of notebook 04 assumed that customers never leave and that a dollar next year is
# worth a dollar today. This notebook drops both assumptions: it **discounts** future margins and weighs
# each one by the chance that the customer is **still there** to pay it. Then it looks at how real
# cohorts of subscribers shrink, why their retention *rises* with time, and how the **sBG model**
# (Fader & Hardie 2007) turns that into the value of a subscriber.
#
# **You will learn**
#
# - the discounted cash flow (DCF) formula for CLV, with finite and infinite horizons;
# - why a cohort's retention rate rises over time even when no customer changes;
# - how to fit the sBG model to cohort survival and reproduce the published regular / high-end example;
# - how to value a subscriber with DERL, the discounted expected residual lifetime;
# - to decide which retention to value subscribers with, by how it projects years it has not seen.

# %% [markdown] lang="ru" en_hash="39b4d76c"
# Простая формула из блокнота 04 предполагала, что клиенты никогда не уходят, а рубль через год стоит
# столько же, сколько сегодня. Здесь мы откажемся от обоих допущений: будем **дисконтировать** будущую
# маржу и взвешивать её вероятностью того, что клиент **ещё с нами** и заплатит. Затем посмотрим, как
# тают реальные когорты подписчиков, почему их удержание со временем *растёт* и как **модель sBG**
# (Fader & Hardie 2007) превращает это в ценность подписчика.
#
# **Вы научитесь**
#
# - считать CLV по модели дисконтированных денежных потоков (DCF) на конечном и бесконечном горизонте;
# - объяснять, почему удержание когорты растёт со временем, даже если ни один клиент не меняется;
# - подгонять модель sBG к выживаемости когорт и воспроизводить опубликованный пример (обычный
#   и премиальный сегменты);
# - оценивать подписчика через DERL — дисконтированный ожидаемый оставшийся срок жизни;
# - решать, с каким удержанием оценивать подписчиков, по тому, как оно прогнозирует годы, которых не видело.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import clvkit as ck
from clvkit import teach
from clvkit.models import ShiftedBetaGeometric
from clvkit.i18n import format_money, format_number, format_percent

ck.set_language(tr(en="en", ru="ru"))
# The course's data are in US dollars; the Russian track shows them in roubles at the course's fixed rate.
currency = tr(en="USD", ru="RUB")
ck.set_currency(currency)
per_dollar = ck.datasets.COURSE_RATES[currency]  # units of the currency per dollar of the data: 1 or 100
lang = ck.get_language()

# %% [markdown] lang="en"
# ## The discounted cash flow model
#
# A customer brings a margin $m$ each period while they stay. The chance they are still a customer after
# $t$ periods is $r^t$ (with a retention rate $r$), and money received in $t$ periods is worth
# $1/(1+d)^t$ today (with a discount rate $d$, your cost of capital). Add up the expected, discounted
# margins:
#
# $$\text{CLV} = \sum_{t=1}^{T} \frac{m \, r^t}{(1+d)^t}
# \quad\xrightarrow{\;T \to \infty\;}\quad \frac{m \, r}{1 + d - r}$$
#
# In words: *each future margin counts only if the customer is still there, and counts less the later
# it comes.* Two choices matter. **Horizon**: a finite number of periods $T$, or forever (the formula
# on the right). **Timing**: `timing="end"` means the first margin arrives one period from now and only
# if the customer stays; `timing="begin"` means it is collected now, for sure, which gives
# $m (1+d) / (1+d-r)$. Here is a subscriber worth $100 of margin a year, with 80% retention and a 10%
# discount rate:

# %% [markdown] lang="ru" en_hash="a13f62f0"
# ## Модель дисконтированных денежных потоков
#
# Клиент приносит маржу $m$ за каждый период, пока остаётся с нами. Вероятность, что через $t$ периодов
# он всё ещё клиент, — $r^t$ (при удержании $r$), а деньги, полученные через $t$ периодов, сегодня стоят
# $1/(1+d)^t$ (при ставке дисконтирования $d$, вашей стоимости капитала). Сложим ожидаемые
# дисконтированные маржи:
#
# $$\text{CLV} = \sum_{t=1}^{T} \frac{m \, r^t}{(1+d)^t}
# \quad\xrightarrow{\;T \to \infty\;}\quad \frac{m \, r}{1 + d - r}$$
#
# Словами: *каждая будущая маржа учитывается, только если клиент ещё с нами, и весит тем меньше, чем
# позже приходит.* Важны два решения. **Горизонт**: конечное число периодов $T$ или бесконечность
# (формула справа). **Момент оплаты**: `timing="end"` — первая маржа приходит через период и только если
# клиент остался; `timing="begin"` — она получена сейчас и наверняка, тогда CLV $= m (1+d) / (1+d-r)$.
# Пример: подписчик приносит 10 000 ₽ маржи в год, удержание 80%, ставка дисконтирования 10%:

# %%
horizons = {tr(en="5 years",
               ru="5 лет"): 5, tr(en="10 years",
                                  ru="10 лет"): 10, tr(en="infinite",
                                                       ru="бесконечно"): None}
dcf = pd.DataFrame({
    timing: {name: ck.formulas.dcf_clv(100 * per_dollar, 0.8, 0.1, periods=n, timing=timing)
             for name, n in horizons.items()}
    for timing in ["end", "begin"]
})
ck.format_table(dcf.round(2), lang=lang)

# %% [markdown] lang="en"
# On the infinite horizon, "begin" is worth exactly one margin more than "end": the payment collected
# today. Ten years already capture most of the infinite value, because late margins are both unlikely
# and heavily discounted. The running total shows it: each year adds less, and the line flattens
# towards the infinite-horizon value. Where it crosses the acquisition cost (CAC, here $150) is the
# **payback** point.

# %% [markdown] lang="ru" en_hash="62fcd745"
# На бесконечном горизонте вариант «begin» ровно на одну маржу дороже варианта «end»: это платёж,
# полученный сегодня. Десять лет уже дают большую часть бесконечной суммы: поздние маржи и маловероятны,
# и сильно дисконтированы. Это видно по накопленному итогу: каждый год добавляет меньше, и линия
# выходит на плато — значение для бесконечного горизонта. Там, где она пересекает стоимость привлечения
# (CAC, здесь 15 000 ₽), находится **срок окупаемости**.

# %%
flows = ck.formulas.cumulative_value(100 * per_dollar, 0.8, 0.1, periods=20)
payback = ck.formulas.payback_period(100 * per_dollar, 150 * per_dollar, retention=0.8, discount_rate=0.1)
print(tr(en="Value of 20 years:",
         ru="Ценность за 20 лет:"), format_money(flows["cumulative"].iloc[-1], lang, decimals=0))
print(tr(en="Payback of a $150 CAC, years:",
         ru="Срок окупаемости при CAC 15 000 ₽, лет:"), format_number(payback, lang, decimals=2))
ax = ck.plots.plot_cumulative_value(flows, cac=150 * per_dollar, time_unit="Y", lang=lang)

# %% [markdown] lang="en"
# ## Retention curves of real cohorts
#
# The DCF formula needs a retention rate. Where does it come from? From **cohorts**: a group of customers
# who joined at the same time, counted again every period. Fader & Hardie (2007) publish such counts for
# 1,000 subscribers of a *regular* and 1,000 of a *high-end* segment, followed for 12 years. Dividing each
# year's count by the year before gives that year's **retention rate**:

# %% [markdown] lang="ru" en_hash="cfec1f3e"
# ## Кривые удержания реальных когорт
#
# Для формулы DCF нужен коэффициент удержания. Откуда его взять? Из **когорт**: группы клиентов, пришедших
# одновременно, которых пересчитывают каждый период. Fader & Hardie (2007) публикуют такие данные для
# 1 000 подписчиков *обычного* и 1 000 *премиального* сегмента за 12 лет. Разделив число клиентов каждого
# года на число за предыдущий год, получим **удержание** этого года:

# %%
cohorts = ck.datasets.load_sbg_cohorts()
retention = (cohorts / cohorts.shift(1)).iloc[1:]
segment_names = dict(zip(["regular", "high_end"], tr(en=["regular", "high-end"], ru=["обычный", "премиальный"])))
year = tr(en="year", ru="год")
print(cohorts.rename(columns=segment_names).rename_axis(index=year).T)
ck.format_table(retention.rename(columns=segment_names).rename_axis(index=year).T.round(3), lang=lang)

# %% [markdown] lang="en"
# Retention is not constant: in both segments it **rises** over the years (with small bumps in the
# high-end one). Did the subscribers become happier? Not necessarily.
#
# ## Why retention rises: the weak leave first
#
# Imagine 1,000 customers of two kinds that never change: 500 fickle ones who each stay with a 50%
# chance every year and 500 loyal ones who stay with 90%. The fickle ones leave fast, so the customers
# who are left are more and more the loyal ones, and the cohort's retention climbs from 70% towards 90%:

# %% [markdown] lang="ru" en_hash="56ea9504"
# Удержание не постоянно: в обоих сегментах оно с годами **растёт** (в премиальном — с небольшими
# колебаниями). Подписчики стали довольнее? Не обязательно.
#
# ## Почему удержание растёт: первыми уходят нелояльные
#
# Представим 1 000 клиентов двух типов, которые никогда не меняются: 500 непостоянных каждый год остаются
# с вероятностью 50%, а 500 лояльных — с вероятностью 90%. Непостоянные уходят быстро, поэтому среди
# оставшихся всё больше лояльных, и удержание когорты растёт от 70% к 90%:

# %%
years = np.arange(8)
alive = 500 * 0.5 ** years + 500 * 0.9 ** years  # each kind keeps its own constant retention
mix = pd.DataFrame({tr(en="customers",
                       ru="клиентов"): alive, tr(en="retention",
                                                 ru="удержание"): alive / np.r_[np.nan, alive[:-1]]},
                   index=pd.Index(years, name="year"))
ck.format_table(mix.round({tr(en="customers", ru="клиентов"): 0, tr(en="retention", ru="удержание"): 3}), lang=lang)

# %% [markdown] lang="en"
# This is **heterogeneity**: customers differ. Nobody's behaviour changed, yet the group's retention rose,
# because the mix of who is left changed. A single "our retention is X%" number hides this, and it
# misleads in both directions: the first year's rate is too pessimistic about the long run, an old
# cohort's rate too optimistic about new customers.
#
# ## The sBG model
#
# The **shifted-beta-geometric (sBG)** model (Fader & Hardie 2007) turns this idea into a formula with two
# numbers. Each customer has their own chance of cancelling at each renewal, which stays the same for
# them; across customers these chances follow a Beta distribution with parameters **alpha** and **beta**.
# Then the cohort's retention rate in year $t$ is
#
# $$r_t = \frac{\beta + t - 1}{\alpha + \beta + t - 1},$$
#
# which rises with $t$ exactly as the weak leave first. As in the paper, we fit the model to years 0-7
# only and keep years 8-12 to test the projection. The fit reproduces the published estimates to three
# decimals; the high-end segment's much larger beta says its subscribers are on the whole less likely
# to cancel.

# %% [markdown] lang="ru" en_hash="144501a0"
# Это **неоднородность**: клиенты разные. Ничьё поведение не изменилось, а удержание группы выросло, потому
# что изменился состав оставшихся. Одно число «наше удержание — X%» это скрывает и ошибается в обе стороны:
# удержание первого года слишком пессимистично на длинном горизонте, а удержание старой когорты слишком
# оптимистично для новых клиентов.
#
# ## Модель sBG
#
# **Модель sBG** (shifted beta-geometric, «смещённое бета-геометрическое распределение», Fader & Hardie
# 2007) превращает эту идею в формулу с двумя числами. У каждого клиента своя вероятность отказаться от
# подписки при каждом продлении, и для него она не меняется; между клиентами эти вероятности распределены
# по бета-распределению с параметрами **alpha** и **beta**. Тогда удержание когорты в году $t$ равно
#
# $$r_t = \frac{\beta + t - 1}{\alpha + \beta + t - 1},$$
#
# и оно растёт с $t$ — ровно потому, что первыми уходят нелояльные. Как и в статье, обучим модель только на
# годах 0–7, а годы 8–12 оставим для проверки прогноза. Оценки совпадают с опубликованными до третьего
# знака; намного большее beta премиального сегмента говорит, что его подписчики в целом реже отказываются
# от подписки.

# %%
calibration = cohorts.loc[0:7]
regular = ShiftedBetaGeometric().fit(calibration["regular"], time_unit="Y")
high_end = ShiftedBetaGeometric().fit(calibration["high_end"], time_unit="Y")
se = [m.summary()["se"] for m in (regular, high_end)]  # standard errors of the estimates
estimates = pd.DataFrame({
    tr(en="alpha (fitted)", ru="α (оценка)"): [regular.params_["alpha"], high_end.params_["alpha"]],
    tr(en="alpha (published)", ru="α (статья)"): [0.704, 0.668],  # Fader & Hardie (2007)
    tr(en="alpha se", ru="α: ст. ошибка"): [e["alpha"] for e in se],
    tr(en="beta (fitted)", ru="β (оценка)"): [regular.params_["beta"], high_end.params_["beta"]],
    tr(en="beta (published)", ru="β (статья)"): [1.182, 3.806],
    tr(en="beta se", ru="β: ст. ошибка"): [e["beta"] for e in se],
}, index=list(segment_names.values()))
ck.format_table(estimates.round(3), lang=lang)

# %% [markdown] lang="en"
# Now the test: project survival to year 12 and compare with the counts the model never saw. The
# benchmarks are the usual shortcuts, one **constant** retention rate: the one that matches year 7
# exactly (the average yearly retention over the seven observed years), and the first year's rate.

# %% [markdown] lang="ru" en_hash="f9a2c6df"
# Теперь проверка: спрогнозируем выживаемость до 12-го года и сравним с данными, которых модель не видела.
# Для сравнения возьмём обычные упрощения — одно **постоянное** удержание: такое, которое точно попадает
# в 7-й год (среднегодовое удержание за семь наблюдаемых лет), и удержание первого года.

# %%
average = (calibration.loc[7, "regular"] / calibration.loc[0, "regular"]) ** (1 / 7)
projection = ck.plots.survival_comparison(cohorts["regular"], model=regular, periods=12,
                                          constant_retention=average)
print(tr(en="Constant retention matching year 7 (regular):",
         ru="Постоянное удержание, попадающее в 7-й год (обычный сегмент):"), format_number(average, lang, decimals=3))
first_year = cohorts.loc[1, "regular"] / cohorts.loc[0, "regular"]
first_col = tr(en="first-year retention", ru="удержание первого года")
projection[first_col] = first_year ** projection.index.to_numpy()
display(ck.format_table((projection.loc[8:12, ["observed", "sbg", "constant", first_col]] * 1000).round(0),
                        lang=lang))
fig, axes = plt.subplots(1, 2, figsize=(11, 4), sharey=True)
titles = tr(en=["regular segment", "high-end segment"], ru=["обычный сегмент", "премиальный сегмент"])
for ax, name, model, title in zip(axes, ["regular", "high_end"], [regular, high_end], titles):
    rate = (calibration.loc[7, name] / calibration.loc[0, name]) ** (1 / 7)
    ck.plots.plot_survival(cohorts[name], model=model, periods=12, constant_retention=rate, ax=ax, lang=lang)
    ax.set_title(title)

# %% [markdown] exercise="15.1 15.2"
# *Exercises 15.1 and 15.2: the questions and the answer cell are written from clvkit/_exercises/nb15.py.*

# %% exercise="15.1 15.2"
# the answer cell of exercises 15.1 and 15.2 is written from clvkit/_exercises/nb15.py

# %% [markdown] lang="en"
# The sBG line runs through the unseen years 8-12 almost exactly, while the constant rate, although it
# matches year 7, loses customers far too fast afterwards and ends at about half of the real count in
# year 12; the first year's rate keeps almost nobody. The retention curves show why: the sBG rate keeps
# rising, a constant one cannot. The sBG gives each subscriber **one** churn probability for life, so
# its rising curve is the mix changing, not anyone becoming more loyal; that it fits years it never saw
# is the evidence that the mix is enough to explain the rise.

# %% [markdown] lang="ru" en_hash="69b79bc1"
# Линия sBG почти точно проходит через годы 8–12, которых модель не видела, а постоянное удержание, хотя и
# попадает в 7-й год, дальше теряет клиентов слишком быстро и к 12-му году даёт примерно половину
# реального числа; удержание первого года почти никого не оставляет. Кривые удержания показывают почему:
# удержание sBG продолжает расти, а постоянное не может. В sBG у каждого подписчика **одна** вероятность
# ухода на всю жизнь, так что растущая кривая — это смена состава, а не рост чьей-то лояльности; то, что
# модель попадает в годы, которых не видела, и доказывает, что смены состава достаточно, чтобы объяснить
# рост.

# %%
ax = ck.plots.plot_retention_curves(cohorts["regular"], model=regular, periods=12,
                                    constant_retention=average, lang=lang)

# %% [markdown] lang="en"
# ## DERL: the value of a subscriber
#
# Fader & Hardie (2010) value a subscriber with the **discounted expected residual lifetime (DERL)**: the
# number of payments we still expect from a customer who is about to decide on the next renewal, each
# discounted to today (the coming payment is not discounted). Multiply by the margin per period and you
# have the customer's value:
#
# $$\text{value} = m \times \text{DERL}(d,\ \text{renewals so far})$$
#
# DERL grows with the number of renewals: a customer who has renewed four times is probably one of the
# loyal ones. Renewing did not change them (their chance of cancelling stays the same); it tells us which
# kind they are.

# %% [markdown] lang="ru" en_hash="05b1ba8a"
# ## DERL: ценность подписчика
#
# Fader & Hardie (2010) оценивают подписчика через **DERL** (discounted expected residual lifetime,
# дисконтированный ожидаемый оставшийся срок жизни): сколько платежей мы ещё ждём от клиента, который
# вот-вот решит, продлевать ли подписку, причём каждый платёж приведён к сегодняшнему дню (ближайший
# не дисконтируется). Умножьте на маржу за период — получите ценность клиента:
#
# $$\text{ценность} = m \times \text{DERL}(d,\ \text{число продлений})$$
#
# DERL растёт с числом продлений: клиент, продливший подписку четыре раза, скорее всего, из лояльных.
# Продления его не изменили (его вероятность отмены та же), они лишь говорят, к какому типу он относится.

# %%
renewals = np.arange(5)
derl = pd.DataFrame({segment_names["regular"]: regular.derl(0.1, renewals),
                     segment_names["high_end"]: high_end.derl(0.1, renewals)},
                    index=pd.Index(renewals, name=tr(en="renewals", ru="продлений")))
display(ck.format_table(derl.round(2), lang=lang))
value = regular.value(100 * per_dollar, 0.1)
same = ck.valuation.subscriber_value(regular, margin_per_period=100 * per_dollar, discount_rate=0.1)
print(tr(en="New regular subscriber, $100 a year, 10%: value(100, 0.1) =",
         ru="Новый обычный подписчик, 10 000 ₽ в год, 10%: value(10_000, 0.1) ="), format_money(value, lang, decimals=0))
print(tr(en="The same with subscriber_value:",
         ru="То же через subscriber_value:"), format_money(same, lang, decimals=0))

# %% [markdown] lang="en"
# What if we ignore heterogeneity and plug the first year's observed retention into the DCF formula?
# Compare like with like (`timing="end"`: the payments after the one just made). Feeding the DCF formula
# the sBG's rising year-by-year rates instead gives the sBG value again: DERL *is* discounted cash flow
# with a retention rate that rises.

# %% [markdown] lang="ru" en_hash="94bf74bd"
# А если забыть о неоднородности и подставить в формулу DCF удержание первого года? Сравним сопоставимые
# величины (`timing="end"`: платежи, следующие за только что сделанным). Если же подставить в формулу DCF
# растущие год за годом коэффициенты удержания sBG, снова получится ценность по sBG: DERL — это и есть
# дисконтированный денежный поток с растущим удержанием.

# %%
constant = ck.formulas.dcf_clv(100 * per_dollar, first_year, 0.1)
sbg = regular.value(100 * per_dollar, 0.1, timing="end")
rising = ck.formulas.dcf_clv(100 * per_dollar, regular.retention_rate(np.arange(1, 301)), 0.1)
print(tr(en="Retention in year 1:", ru="Удержание первого года:"), format_percent(first_year, lang))
print(tr(en="DCF with that constant retention:",
         ru="DCF с этим постоянным удержанием:"), format_money(constant, lang, decimals=0))
print(tr(en="sBG value (timing='end'):",
         ru="Ценность по sBG (timing='end'):"), format_money(sbg, lang, decimals=0), "x" + format_number(sbg / constant, lang, decimals=2))
print(tr(en="DCF with the sBG's rising rates:",
         ru="DCF с растущим удержанием sBG:"), format_money(rising, lang, decimals=0))

# %% [markdown] lang="en"
# One retention number values the regular subscriber at about half of what the sBG model says, the
# "perils of ignoring heterogeneity" of Fader & Hardie (2010). Priced on that number, the subscriber base
# looks much cheaper than it is.

# %% [markdown] lang="ru" en_hash="3366893d"
# Одно число удержания оценивает обычного подписчика примерно в половину того, что даёт модель sBG, — это
# «опасность игнорирования неоднородности» из статьи Fader & Hardie (2010). Если оценивать по такому
# числу, база подписчиков выглядит намного дешевле, чем она есть.

# %% [markdown] exercise="15.3"
# *Exercise 15.3: the question and the answer cell are written from clvkit/_exercises/nb15.py.*

# %% exercise="15.3"
# the answer cell of exercise 15.3 is written from clvkit/_exercises/nb15.py

# %% [markdown] lang="en"
# ## Use the retention explorer
#
# Pick a cohort to fit the sBG model to all its years, or set alpha and beta by hand. Watch the survival
# and retention curves, the expected lifetime and DERL against a constant retention rate. Try a small
# beta (most customers cancel early) and a large one (most stay), and see how far the constant rate
# drifts from the sBG curve.

# %% [markdown] lang="ru" en_hash="343d34b3"
# ## Панель удержания
#
# Выберите когорту, чтобы подогнать модель sBG ко всем её годам, или задайте alpha и beta вручную.
# Следите за кривыми выживаемости и удержания, ожидаемым сроком жизни и DERL в сравнении с постоянным
# удержанием. Попробуйте маленькое beta (большинство уходит рано) и большое (большинство остаётся)
# и посмотрите, как далеко постоянное удержание уходит от кривой sBG.

# %% tags=["nbval-ignore-output"]
ck.widgets.RetentionExplorer(cohort="regular", discount_rate=0.1, periods=12, lang=lang)

# %% [markdown] lang="en"
# ## Key takeaways
#
# - DCF CLV adds the margins a customer is expected to bring, each weighted by the chance they are still
#   there and discounted; with constant retention it is $m r / (1 + d - r)$ when the first margin comes
#   at the end of the period, one margin more when it comes now.
# - A cohort's retention rises with tenure because the customers most likely to leave leave first.
# - The sBG model captures this with two numbers; on the regular / high-end cohorts it reproduces the
#   published estimates and projects years 8-12 almost exactly, where a constant rate falls far short.
# - A subscriber's value is margin × DERL; ignoring heterogeneity roughly halves it in this example.
# - Choose the retention you value subscribers with by how it projects years it has not seen, never by
#   how well it matches the years it was fitted to.

# %% [markdown] lang="ru" en_hash="2281602c"
# ## Главное
#
# - CLV по модели DCF складывает маржи, которые клиент должен принести, каждую — с поправкой на
#   вероятность, что он ещё с нами, и с дисконтированием; при постоянном удержании это $m r / (1 + d - r)$,
#   если первая маржа приходит в конце периода, и на одну маржу больше, если сейчас.
# - Удержание когорты растёт со стажем, потому что первыми уходят те, кто склонен уйти.
# - Модель sBG описывает это двумя числами; на когортах обычного и премиального сегментов она
#   воспроизводит опубликованные оценки и почти точно прогнозирует годы 8–12, а постоянное удержание
#   сильно промахивается.
# - Ценность подписчика — маржа × DERL; если игнорировать неоднородность, в этом примере она
#   занижается примерно вдвое.
# - Удержание для оценки подписчиков выбирайте по тому, как оно прогнозирует годы, которых не видело,
#   а не по тому, как хорошо совпадает с годами, на которых его подобрали.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. A cohort's retention rises with tenure even though no customer becomes more loyal. Why? What
#    would you wrongly conclude if you read it as growing loyalty?
# 2. A constant retention rate taken from year 1 undervalues long-lived subscribers. Which decisions
#    would that bias, and in which direction?
# 3. When is the first margin counted now, and when at the end of the first period? How much does
#    the choice change a subscriber's value?
# 4. What does DERL measure, and why is a subscriber's value the margin times DERL?
# 5. A constant retention rate matches your cohort's year 7 exactly. Why is that no reason to value
#    new subscribers with it, and what would you check instead?

# %% [markdown] lang="ru" en_hash="dfd5711f"
# ## Вопросы для самопроверки
#
# 1. Удержание когорты растёт со стажем, хотя ни один клиент не становится лояльнее. Почему? Какой
#    неверный вывод вы сделали бы, приняв это за рост лояльности?
# 2. Постоянная ставка удержания, взятая по первому году, недооценивает подписчиков, которые
#    остаются надолго. Какие решения это искажает и в какую сторону?
# 3. Когда первую маржу считают сразу, а когда — в конце первого периода? Насколько этот выбор
#    меняет ценность подписчика?
# 4. Что измеряет DERL и почему ценность подписчика равна марже, умноженной на DERL?
# 5. Постоянное удержание точно попадает в 7-й год вашей когорты. Почему это ещё не повод оценивать
#    по нему новых подписчиков и что стоит проверить вместо этого?
