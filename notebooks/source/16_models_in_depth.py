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
# Notebook 05 used a predictive model as a marketer does: one fit, four numbers per customer. This notebook
# opens the models. For each one: the story it tells about customers, its parameters and what they mean,
# its likelihood, and a check that the package reproduces the estimates published by the model's authors.
# Then the question an analyst is asked: which model to use.
#
# **You will learn**
#
# - the assumptions of BG/NBD, Pareto/NBD, BG/BB and Gamma-Gamma, and where they differ;
# - to read each model's parameters as facts about the customer base;
# - to check a fit against the published estimates and read its standard errors;
# - to choose a model first by the setting it assumes, then by the holdout error, not the log-likelihood.

# %% [markdown] lang="ru" en_hash="aa2d4aa4"
# В блокноте 05 прогнозная модель использовалась так, как ею пользуется маркетолог: одно обучение, четыре
# числа о каждом клиенте. Здесь мы заглянем внутрь моделей. Для каждой разберём, какую историю она
# рассказывает о клиентах, какие у неё параметры и что они значат, как устроено её правдоподобие, и
# проверим, что пакет воспроизводит оценки, опубликованные её авторами. А затем ответим на вопрос, который
# задают аналитику: какую модель выбрать.
#
# **Вы научитесь**
#
# - называть допущения BG/NBD, Pareto/NBD, BG/BB и Gamma-Gamma и видеть, чем они различаются;
# - читать параметры каждой модели как факты о клиентской базе;
# - сверять результат обучения с опубликованными оценками и читать стандартные ошибки;
# - выбирать модель сначала по ситуации, которую она предполагает, затем по ошибке на отложенном периоде,
#   а не по логарифму правдоподобия.

# %%
import pandas as pd
import clvkit as ck
from clvkit import teach
from clvkit.models import BGBB, BGNBD, MBGNBD, GammaGamma, ParetoNBD
from clvkit.i18n import format_number
ck.set_language(tr(en="en", ru="ru"))
# The course's data are in US dollars; the Russian track shows them in roubles at the course's fixed rate.
currency = tr(en="USD", ru="RUB")
ck.set_currency(currency)
lang = ck.get_language()

def against(fit, published):  # a fit's parameters and log-likelihood beside the figures its paper published
    ours = pd.Series({**fit.params_, "log-likelihood": fit.log_likelihood_})[published.index]
    table = pd.DataFrame({"clvkit": ours.round(3), tr(en="published", ru="опубликовано"): published})
    return ck.format_table(table, lang=lang)

# %% [markdown] lang="en"
# ## The data: three numbers per customer, and a holdout
#
# The purchase models read, per customer, `frequency` (repeat purchases: purchase days minus one),
# `recency` (weeks from the first to the last purchase) and `T` (weeks from the first purchase to the end
# of the data). We fit on CDNOW's first 39 weeks, to 30 September 1997 (the **calibration** period), the
# data of the papers, and keep the next 39 weeks (the **holdout**) to test forecasts the models never saw.

# %% [markdown] lang="ru" en_hash="f8c1e623"
# ## Данные: три числа о клиенте и отложенный период
#
# Моделям покупок нужны для каждого клиента `frequency` (повторные покупки: дни с покупками минус один),
# `recency` (недели от первой до последней покупки) и `T` (недели от первой покупки до конца данных).
# Обучаем на первых 39 неделях CDNOW, до 30 сентября 1997 года (период **калибровки**), — это данные
# из статей, — а следующие 39 недель (**отложенный** период) оставляем, чтобы проверить прогнозы на том,
# чего модели не видели. Суммы CDNOW записаны в долларах, здесь они пересчитаны в рубли по условному
# курсу 100 ₽ за доллар.

# %%
tx = ck.datasets.load_cdnow_transactions(currency=currency)
cal, hold = ck.split_calibration_holdout(tx, calibration_end="1997-09-30", observation_end="1998-06-30",
                                         time_unit="W")
ck.format_table(cal[["frequency", "recency", "T", "monetary_value"]].head(4).round(2), lang=lang)

# %% [markdown] lang="en"
# ## BG/NBD
#
# Fader, Hardie & Lee (2005) tell this story:
#
# 1. While active, a customer buys at a steady rate λ of their own (purchases arrive as a Poisson process).
# 2. After each **repeat** purchase the customer drops out for good with a probability p of their own.
# 3. Rates differ across customers as a gamma distribution with shape **r** and rate **α** (mean r / α a
#    week); drop-out probabilities as a beta distribution with parameters **a** and **b** (mean a / (a + b)).
#
# A customer's likelihood has two terms: still active at T, or dropped out right after the last purchase
# (only possible when x > 0):
#
# $$L = \frac{B(a, b+x)}{B(a, b)} \frac{\Gamma(r+x)\,\alpha^r}{\Gamma(r)\,(\alpha+T)^{r+x}}
#   + [x > 0]\,\frac{B(a+1, b+x-1)}{B(a, b)} \frac{\Gamma(r+x)\,\alpha^r}{\Gamma(r)\,(\alpha+t_x)^{r+x}}$$
#
# with x the frequency and t_x the recency. The fit maximises the sum of its logarithms over customers.
# The paper fitted exactly this calibration period; the same numbers should come out:

# %% [markdown] lang="ru" en_hash="56d82080"
# ## BG/NBD
#
# Fader, Hardie & Lee (2005) рассказывают такую историю:
#
# 1. Пока клиент активен, он покупает в своём постоянном темпе λ (покупки приходят как пуассоновский поток).
# 2. После каждой **повторной** покупки клиент уходит насовсем со своей вероятностью p.
# 3. Темпы у клиентов разные и подчиняются гамма-распределению с параметром формы **r** и параметром
#    интенсивности **α** (среднее r / α в неделю); вероятности ухода — бета-распределению с параметрами **a** и
#    **b** (среднее a / (a + b)).
#
# Правдоподобие клиента складывается из двух слагаемых: клиент активен в момент T или ушёл сразу после
# последней покупки (это возможно, только если x > 0):
#
# $$L = \frac{B(a, b+x)}{B(a, b)} \frac{\Gamma(r+x)\,\alpha^r}{\Gamma(r)\,(\alpha+T)^{r+x}}
#   + [x > 0]\,\frac{B(a+1, b+x-1)}{B(a, b)} \frac{\Gamma(r+x)\,\alpha^r}{\Gamma(r)\,(\alpha+t_x)^{r+x}}$$
#
# где x — частота, а t_x — давность. Обучение максимизирует сумму логарифмов по всем клиентам. В статье
# модель обучали ровно на этом периоде калибровки, и должны получиться те же числа:

# %%
from clvkit.models.bgnbd import bgnbd_log_likelihood  # FHL (2005), eq. 6, one value per customer

bgnbd = BGNBD().fit(cal)
per_customer = bgnbd_log_likelihood(**bgnbd.params_, x=cal["frequency"], t_x=cal["recency"], T=cal["T"])
print(tr(en="sum of the customers' log-likelihoods: ", ru="сумма логарифмов правдоподобия клиентов: ")
      + format_number(per_customer.sum(), lang, decimals=1))
against(bgnbd, pd.Series({"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426, "log-likelihood": -9582.4}))

# %% [markdown] lang="en"
# Read the parameters as facts about the base. r is small (0.24): purchase rates are very unequal, most
# customers buy slowly and a few fast. a / (a + b) is about 0.25: on average a customer has a one-in-four
# chance of dropping out after each repeat purchase. The standard errors (`se`) and 95% intervals say how
# firmly the data pin each one: a and b are looser, because dropping out is never seen, only inferred
# from silence. One consequence of assumption 2: a customer with no repeat purchase cannot have dropped
# out, so BG/NBD gives every one-time buyer P(alive) = 100%.

# %% [markdown] lang="ru" en_hash="595abd00"
# Прочитаем параметры как факты о базе. r маленький (0,24): темпы покупок очень неравны, большинство
# клиентов покупает медленно, немногие — быстро. a / (a + b) около 0,25: в среднем после каждой повторной
# покупки клиент уходит с вероятностью один к четырём. Стандартные ошибки (`se`) и 95%-ные интервалы
# показывают, насколько твёрдо данные определяют каждый параметр: a и b определены слабее, потому что уход
# никогда не виден, о нём судят только по молчанию. Одно следствие допущения 2: клиент без повторных
# покупок не мог уйти, поэтому BG/NBD даёт каждому разовому покупателю P(alive) = 100%.

# %%
ck.format_table(bgnbd.summary().round(3), lang=lang)

# %% [markdown] exercise="16.1"
# *Exercise 16.1: the question and the answer cell are written from clvkit/_exercises/nb16.py.*

# %% exercise="16.1"
# the answer cell of exercise 16.1 is written from clvkit/_exercises/nb16.py

# %% [markdown] lang="en"
# ## Pareto/NBD and MBG/NBD
#
# **Pareto/NBD** (Schmittlein, Morrison & Colombo 1987), the original, keeps the purchase story and the
# gamma (r, α) but lets a customer leave **at any moment**: each has an exponential lifetime with rate μ,
# and the μ follow a gamma distribution with shape **s** and rate **β** (mean lifetime β / (s − 1) weeks
# when s > 1). Its likelihood needs the Gauss hypergeometric function ₂F₁, which is why BG/NBD was
# invented as an easier cousin. FHL (2005) published its CDNOW fit beside BG/NBD's.
#
# **MBG/NBD** (Batislam, Denizel & Filiztekin 2007) is BG/NBD in which a customer may also drop out right
# after the first purchase, so a one-time buyer is no longer certainly alive. Same four parameters.

# %% [markdown] lang="ru" en_hash="a3d3ad8c"
# ## Pareto/NBD и MBG/NBD
#
# **Pareto/NBD** (Schmittlein, Morrison & Colombo 1987) — исходная модель: история покупок и гамма (r, α)
# те же, но клиент может уйти **в любой момент**: у каждого экспоненциальное время жизни с темпом μ, а μ
# подчиняются гамма-распределению с параметром формы **s** и параметром интенсивности **β** (среднее время жизни
# β / (s − 1) недель при s > 1). Её правдоподобию нужна гипергеометрическая функция Гаусса ₂F₁ — поэтому
# и придумали BG/NBD как более простую родственницу. FHL (2005) опубликовали её оценки на CDNOW рядом
# с оценками BG/NBD.
#
# **MBG/NBD** (Batislam, Denizel & Filiztekin 2007) — это BG/NBD, в которой клиент может уйти и сразу
# после первой покупки, так что разовый покупатель больше не считается наверняка «живым». Параметров
# те же четыре.

# %%
pareto = ParetoNBD().fit(cal)
display(against(pareto, pd.Series({"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669,
                                   "log-likelihood": -9595.0})))
ck.format_table(pareto.summary().round(3), lang=lang)

# %% [markdown] lang="en"
# The estimates match. β's interval runs from about 4 to 33: the likelihood is nearly flat along β,
# so the data say little about it. With s below 1 the lifetimes have no finite mean: a few customers
# stay almost for ever. Report β with its interval and do not read it as a fact about customers.
#
# ## BG/BB: purchases at fixed occasions
#
# When customers can buy only at fixed moments (a yearly appeal, an annual event), each occasion is a yes
# or a no. BG/BB (Fader, Hardie & Shang 2010) tells the discrete story: while active, a customer buys at
# each occasion with probability p, beta-distributed with **α** and **β**; before each occasion they drop
# out with probability θ, beta-distributed with **γ** and **δ**. With x purchases, the last at occasion
# t_x, out of n:
#
# $$L = \frac{B(\alpha+x, \beta+n-x)}{B(\alpha, \beta)} \frac{B(\gamma, \delta+n)}{B(\gamma, \delta)}
#   + \sum_{i=0}^{n-t_x-1} \frac{B(\alpha+x, \beta+t_x-x+i)}{B(\alpha, \beta)}
#   \frac{B(\gamma+1, \delta+t_x+i)}{B(\gamma, \delta)}$$
#
# The paper's data: 11,104 donors of a non-profit over 6 yearly appeals after their first gift.

# %% [markdown] lang="ru" en_hash="af046786"
# Оценки совпадают. Интервал β — примерно от 4 до 33: правдоподобие почти не меняется вдоль β, и данные
# мало что о нём говорят. При s меньше 1 у времени жизни нет конечного среднего: немногие клиенты
# остаются почти навсегда. Приводите β вместе с интервалом и не читайте его как факт о клиентах.
#
# ## BG/BB: покупки в фиксированные моменты
#
# Когда купить можно только в определённые моменты (ежегодный сбор, ежегодное событие), каждый такой
# момент — «да» или «нет». BG/BB (Fader, Hardie & Shang 2010) рассказывает дискретную историю: пока клиент
# активен, он покупает при каждой возможности с вероятностью p, распределённой по бета-закону с **α** и
# **β**; перед каждой возможностью он уходит с вероятностью θ, распределённой по бета-закону с **γ** и
# **δ**. При x покупках, последняя из которых — на возможности t_x, из n возможностей:
#
# $$L = \frac{B(\alpha+x, \beta+n-x)}{B(\alpha, \beta)} \frac{B(\gamma, \delta+n)}{B(\gamma, \delta)}
#   + \sum_{i=0}^{n-t_x-1} \frac{B(\alpha+x, \beta+t_x-x+i)}{B(\alpha, \beta)}
#   \frac{B(\gamma+1, \delta+t_x+i)}{B(\gamma, \delta)}$$
#
# Данные статьи — 11 104 донора некоммерческой организации за 6 ежегодных сборов после первого
# пожертвования.

# %%
donations = ck.datasets.load_donations()
bgbb = BGBB().fit(donations, weights="count")
against(bgbb, pd.Series({"alpha": 1.204, "beta": 0.750, "gamma": 0.657, "delta": 2.783,
                         "log-likelihood": -33225.6}))

# %% [markdown] lang="en"
# An active donor gives at a yearly appeal with probability about α / (α + β) = 0.62 on average, and
# drops out before an appeal with probability about γ / (γ + δ) = 0.19.
#
# ## Gamma-Gamma: the value of a purchase
#
# The purchase models count purchases; the Gamma-Gamma model (Fader, Hardie & Lee 2005, "RFM and CLV")
# values them. A customer's order values vary around their own typical value, as a gamma distribution with
# shape **p** and rate ν; the ν differ across customers as a gamma distribution with shape **q** and rate
# **γ**, so the base's mean order is p γ / (q − 1). It assumes that order value does not depend on how
# often a customer buys (check that the two are barely correlated) and uses only repeat buyers. Its
# forecast for a customer with x repeat orders of mean m is a weighted average:
#
# $$E[\text{order}] = \frac{q-1}{p x + q - 1} \cdot \frac{p \gamma}{q-1} + \frac{p x}{p x + q - 1} \cdot m$$
#
# The published fit is in dollars; γ carries the unit, so in roubles it is a hundred times larger.

# %% [markdown] lang="ru" en_hash="6b5aca80"
# Активный донор жертвует на ежегодном сборе в среднем с вероятностью около α / (α + β) = 0,62 и уходит
# перед сбором с вероятностью около γ / (γ + δ) = 0,19.
#
# ## Gamma-Gamma: сумма покупки
#
# Модели покупок считают покупки, а модель Gamma-Gamma (Fader, Hardie & Lee 2005, «RFM and CLV») оценивает
# их в деньгах. Суммы заказов клиента колеблются вокруг его обычного чека по гамма-распределению с
# параметром формы **p** и интенсивности ν; ν у клиентов разные и подчиняются гамма-распределению с
# параметром формы **q** и интенсивности **γ**, так что средний чек по базе равен p γ / (q − 1). Модель предполагает, что
# чек не зависит от частоты покупок (проверьте, что связь между ними слабая), и использует только
# повторных покупателей. Её прогноз для клиента с x повторными заказами и средним чеком m — взвешенное
# среднее:
#
# $$E[\text{чек}] = \frac{q-1}{p x + q - 1} \cdot \frac{p \gamma}{q-1} + \frac{p x}{p x + q - 1} \cdot m$$
#
# Оценки в статье — в долларах; γ несёт единицу измерения, поэтому в рублях он в сто раз больше.

# %%
gg = GammaGamma().fit(cal)
rate = ck.datasets.COURSE_RATES[currency]
display(against(gg, pd.Series({"p": 6.25, "q": 3.74, "gamma": 15.44 * rate})))
repeat = cal[cal["frequency"] > 0]
print(tr(en="correlation of frequency and mean order value: ", ru="корреляция частоты и среднего чека: ")
      + format_number(repeat["frequency"].corr(repeat["monetary_value"]), lang, decimals=2))
shrunk = cal.loc[[357, 26, 2, 1901], ["frequency", "monetary_value"]].assign(expected_spend=gg.expected_spend)
ck.format_table(shrunk.round(2), lang=lang)

# %% [markdown] exercise="16.2"
# *Exercise 16.2: the question and the answer cell are written from clvkit/_exercises/nb16.py.*

# %% exercise="16.2"
# the answer cell of exercise 16.2 is written from clvkit/_exercises/nb16.py

# %% [markdown] lang="en"
# ## Which model?
#
# First the setting, then the data:
#
# - customers tell you when they leave (contracts, subscriptions): the shifted-beta-geometric model
#   (notebook 15);
# - purchases only at fixed occasions: BG/BB;
# - purchases at any time, leaving unseen: BG/NBD, Pareto/NBD or MBG/NBD; add Gamma-Gamma for the value
#   if order value and frequency are nearly independent.
#
# Among the last three, the **log-likelihood** compares fits of the same data, and these three all have
# four parameters (with different numbers, penalise each one: AIC = 2k − 2 log L). But a model is used to
# forecast, so the deciding test is the **holdout**: the purchases of the 39 weeks none of them saw, per
# customer (`mae`) and in total (`total_error_pct`). Notebook 17 does that validation in depth.

# %% [markdown] lang="ru" en_hash="797e71b7"
# ## Какую модель выбрать?
#
# Сначала ситуация, потом данные:
#
# - клиенты сообщают об уходе (договоры, подписки): смещённая бета-геометрическая модель sBG (блокнот 15);
# - покупки только в фиксированные моменты: BG/BB;
# - покупки в любое время, уход не виден: BG/NBD, Pareto/NBD или MBG/NBD; если чек и частота почти
#   независимы, добавьте Gamma-Gamma для суммы покупки.
#
# Среди последних трёх **логарифм правдоподобия** сравнивает описание одних и тех же данных, а параметров
# у всех трёх по четыре (при разном числе параметров за каждый нужен штраф: AIC = 2k − 2 log L). Но модель
# нужна для прогноза, поэтому решающая проверка — **отложенный период**: ошибка прогноза покупок за те 39 недель, которых
# ни одна из моделей не видела, на клиента (`mae`) и в сумме (`total_error_pct`). Подробно эту проверку
# разбирает блокнот 17.

# %%
weeks = hold["duration_holdout"].iloc[0]
fits = {"BG/NBD": bgnbd, "Pareto/NBD": pareto, "MBG/NBD": MBGNBD().fit(cal)}
errors = ck.validation.holdout_errors({name: fit.predict_purchases(cal, weeks) for name, fit in fits.items()},
                                      hold["frequency_holdout"])
errors.insert(0, "log-likelihood", [fit.log_likelihood_ for fit in fits.values()])
print(tr(en="actual holdout purchases: ", ru="фактические покупки в отложенном периоде: ")
      + format_number(errors.attrs["actual_total"], lang, decimals=0))
ck.format_table(errors.round({"log-likelihood": 1, "total_error_pct": 1, "mae": 3, "rmse": 3}).astype(
    {"total": int}), lang=lang)

# %% [markdown] exercise="16.3"
# *Exercise 16.3: the question and the answer cell are written from clvkit/_exercises/nb16.py.*

# %% exercise="16.3"
# the answer cell of exercise 16.3 is written from clvkit/_exercises/nb16.py

# %% [markdown] lang="en"
# ## Key takeaways
#
# - BG/NBD: a personal purchase rate while active (gamma r, α) and a chance to drop out after each repeat
#   purchase (beta a, b). Pareto/NBD lets customers leave at any moment (gamma s, β); MBG/NBD also after
#   the first purchase. BG/BB is the discrete version, for fixed occasions.
# - Gamma-Gamma values purchases and pulls each customer's average towards the base's, more strongly the
#   fewer their orders, in both directions.
# - Check a fit against a known answer (the published estimates) and read the standard errors: a flat
#   direction of the likelihood (Pareto/NBD's β) is not a fact about customers.
# - Choose first by the setting, then by the holdout: the best fit of the past is not always the best
#   forecast.

# %% [markdown] lang="ru" en_hash="c64d46d5"
# ## Главное
#
# - BG/NBD: свой темп покупок, пока клиент активен (гамма r, α), и шанс уйти после каждой повторной покупки
#   (бета a, b). В Pareto/NBD уйти можно в любой момент (гамма s, β), в MBG/NBD — ещё и после первой
#   покупки. BG/BB — дискретный вариант для фиксированных моментов покупки.
# - Gamma-Gamma оценивает покупки в деньгах и подтягивает средний чек каждого клиента к среднему по базе —
#   тем сильнее, чем меньше у него заказов, и в обе стороны.
# - Сверяйте результат обучения с известным ответом (опубликованными оценками) и читайте стандартные ошибки:
#   направление, вдоль которого правдоподобие почти не меняется (β в Pareto/NBD), — не факт о клиентах.
# - Выбирайте сначала по ситуации, потом по отложенному периоду: лучшее описание прошлого — не всегда
#   лучший прогноз.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. BG/NBD and Pareto/NBD differ in one assumption. Which, and what does it mean for a customer who
#    never came back?
# 2. What do r and α say about customers' purchase rates, and a and b about dropping out?
# 3. Why is Pareto/NBD's β estimated with such a wide interval while r is pinned down, and what do you do
#    with that?
# 4. When would you choose BG/BB instead of BG/NBD, and the sBG model instead of both?
# 5. What does Gamma-Gamma assume about order value and frequency, and how do you check it?
# 6. One model has the highest log-likelihood, another the smallest holdout error. Which do you use to
#    forecast, and why?

# %% [markdown] lang="ru" en_hash="73d7e529"
# ## Вопросы для самопроверки
#
# 1. BG/NBD и Pareto/NBD различаются одним допущением. Каким именно и что оно значит для клиента, который так
#    и не вернулся?
# 2. Что r и α говорят о темпах покупок клиентов, а a и b — об уходе?
# 3. Почему β в Pareto/NBD оценён с таким широким интервалом, а r определён точно, и что с этим делать?
# 4. Когда вы выберете BG/BB вместо BG/NBD, а модель sBG — вместо обеих?
# 5. Что Gamma-Gamma предполагает о чеке и частоте покупок и как это проверить?
# 6. У одной модели самый высокий логарифм правдоподобия, у другой — самая маленькая ошибка на
#    отложенном периоде. Какую вы используете для прогноза и почему?
