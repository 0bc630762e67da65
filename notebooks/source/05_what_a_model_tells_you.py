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
# A **predictive model** reads each customer's history and says what to expect next (the mathematics
# is in notebook 16).
#
# **You will learn**
#
# - to read a customer's chance of still being a customer, expected purchases, order value and CLV;
# - to tell from two customers' histories which one is more likely still a customer;
# - how much of next year's value sits with the top tenth of the base;
# - whom to call first, and how much a win-back call may add.

# %% [markdown] lang="ru" en_hash="f8d84f1c"
# **Прогнозная модель** читает историю каждого клиента и говорит, чего от него ждать (математика —
# в блокноте 16).
#
# **Вы научитесь**
#
# - читать для клиента вероятность того, что он ещё ваш, его ожидаемые покупки, чек и CLV;
# - по истории двух клиентов определять, у кого из них больше шансов остаться клиентом;
# - видеть, какая доля ценности следующего года приходится на верхнюю десятую часть базы;
# - решать, кому звонить первым и сколько может добавить звонок для возврата клиента.

# %%
import clvkit as ck
from clvkit import teach
from clvkit.models import BGNBD, GammaGamma
from clvkit.i18n import format_money, format_percent

ck.set_language(tr(en="en", ru="ru"))
# The course's data are in US dollars; the Russian track shows them in roubles at the course's fixed rate.
currency = tr(en="USD", ru="RUB")
ck.set_currency(currency)
lang = ck.get_language()

# %% [markdown] lang="en"
# ## Four numbers for every customer
#
# The data are CDNOW's: 2,357 customers who first bought in early 1997, observed to 30 September 1997.
# **One call fits the model** to the whole base (`BGNBD().fit`), a second one fits the order values
# (`GammaGamma().fit`), and `ck.customer_lifetime_value` turns both into money. For every customer we get:
#
# - **P(alive)**: the chance that they are still a customer rather than gone for good;
# - **expected purchases** in the next 12 months, already weighed by that chance;
# - **expected order value** (`expected_spend`): their own average, pulled towards the base's average the fewer orders it
#   rests on;
# - **CLV over the next 12 months**: expected purchases × order value × a 30% margin,
#   discounted at 10% a year. Later years are left out.

# %% [markdown] lang="ru" en_hash="d3f52860"
# ## Четыре числа о каждом клиенте
#
# Данные — CDNOW: 2 357 клиентов, впервые купивших в начале 1997 года, за которыми наблюдали до
# 30 сентября 1997 года. **Один вызов обучает модель** на всей базе (`BGNBD().fit`), второй — модель
# среднего чека (`GammaGamma().fit`), а `ck.customer_lifetime_value` переводит оба прогноза в деньги.
# Для каждого клиента получаем:
#
# - **P(alive)** — вероятность того, что он ещё наш клиент, а не ушёл насовсем;
# - **ожидаемые покупки** за следующие 12 месяцев, уже взвешенные этой вероятностью;
# - **ожидаемый чек** (`expected_spend`) — его собственный средний чек, подтянутый к среднему по базе тем сильнее, чем
#   меньше за ним заказов;
# - **CLV за 12 месяцев** — ожидаемые покупки × чек × маржа 30 % с дисконтированием 10 % в год. Следующие годы сюда не входят.
#
# Суммы CDNOW записаны в долларах, здесь они пересчитаны в рубли по условному курсу 100 ₽ за доллар.

# %%
summary = ck.datasets.load_cdnow_summary(currency=currency)
model = BGNBD().fit(summary)
spend = GammaGamma().fit(summary)
value = ck.customer_lifetime_value(model, spend, summary, horizon="12 months",
                                   annual_discount_rate=0.1, margin=0.3)
customers = summary[["frequency", "recency", "T"]].join(value[["expected_purchases", "expected_spend", "clv"]])
customers.insert(3, "p_alive", model.probability_alive(summary))
named = customers.loc[[1, 3, 509, 2332, 142]]
clv_12 = {"clv": tr(en="clv_12_months", ru="CLV за 12 месяцев")}  # the horizon in the column's name
ck.format_table(named.round({"recency": 1, "T": 1, "p_alive": 3, "expected_purchases": 2,
                             "expected_spend": 2, "clv": 2}).rename(columns=clv_12), lang=lang)

# %% [markdown] lang="en"
# `frequency` counts repeat purchases, `recency` is the week of the last one and `T` how many weeks we have
# known the customer. Read the rows:
#
# - **509** is the best: 19 purchases, the last a week ago, P(alive) 95%, about sixteen expected next
#   year.
# - **2332** bought six times in 13 weeks and has been silent the 14 weeks since: P(alive) has
#   fallen to about a quarter, and with it the forecast.
# - **3** never came back, yet P(alive) is 100%: this model assumes that people leave only right after
#   a repeat purchase, so a one-time buyer counts as "still here" (a quirk, not a fact). His forecast is
#   small anyway: one purchase in 39 weeks is a slow pace.

# %% [markdown] lang="ru" en_hash="e0fe8947"
# `frequency` — число повторных покупок, `recency` — неделя последней из них, `T` — сколько недель мы
# знаем клиента. Прочитаем строки:
#
# - **509** — лучший: 19 покупок, последняя неделю назад, P(alive) 95%, в следующем году около
#   шестнадцати.
# - **2332** купил шесть раз за 13 недель и молчит все 14 недель после этого: P(alive) упала примерно до
#   четверти, а с ней и прогноз.
# - **3** так и не вернулся, но P(alive) у него 100%: модель считает, что уйти можно только сразу после
#   повторной покупки, поэтому разовый покупатель для неё «ещё здесь» (особенность модели, а не факт).
#   Прогноз у него всё равно небольшой: одна покупка за 39 недель — медленный темп.

# %% [markdown] lang="en"
# ## Many purchases, then a long silence
#
# Customer **142** made five repeat purchases in his first seven weeks and then nothing for 31 weeks;
# customer **91** came back once, after 33 weeks, five weeks ago. The chart shows P(alive) for every number
# of repeat purchases (rows) and week of the last one (columns), for a customer we have known 39 weeks; the
# white star is 142, and 91 sits in row 1 near the right edge.

# %% [markdown] lang="ru" en_hash="a90f7cf2"
# ## Много покупок, а потом долгое молчание
#
# Клиент **142** сделал пять повторных покупок за первые семь недель, а потом 31 неделю ничего; клиент
# **91** вернулся один раз, через 33 недели, пять недель назад. На графике P(alive) для каждого числа
# повторных покупок (строки) и недели последней из них (столбцы) у клиента, которого мы знаем 39 недель;
# белая звезда — клиент 142, а 91 находится в строке 1 у правого края.

# %%
pair = summary.loc[[142, 91], ["frequency", "recency", "T"]]
silent = {tr(en="weeks_silent", ru="недель тишины"): pair["T"] - pair["recency"]}
display(ck.format_table(pair.assign(**silent).round(1), lang=lang))
one = summary.loc[142]
ax = ck.plots.plot_probability_alive_matrix(model, summary=summary, customer=(one["frequency"], one["recency"]),
                                            lang=lang)

# %% [markdown] exercise="05.1"
# *Exercise 05.1: the question and the answer cell are written from clvkit/_exercises/nb05.py.*

# %% exercise="05.1"
# the answer cell of exercise 05.1 is written from clvkit/_exercises/nb05.py

# %% [markdown] lang="en"
# Here is 142 followed to June 1998: the model had all but written him
# off, and in January he came back. Use P(alive) to rank and to choose whom to contact, never to delete
# customers.

# %% [markdown] lang="ru" en_hash="77862a5d"
# Вот клиент 142 до июня 1998 года: модель почти списала его, а в январе он
# вернулся. Используйте P(alive), чтобы ранжировать клиентов и выбирать, с кем связаться, но не чтобы
# удалять их из базы.

# %%
tx = ck.datasets.load_cdnow_transactions(currency=currency)
ax = ck.plots.plot_probability_alive_history(model, tx[tx["customer_id"] == 142], observation_end="1998-06-30",
                                             lang=lang)

# %% [markdown] lang="en"
# Customer 2332 again: drag **Recency** right (a later last purchase) and watch P(alive) and the CLV
# rise; drag **Customer age (T)** right (a longer silence): they fall.

# %% [markdown] lang="ru" en_hash="ba89f144"
# Снова клиент 2332: сдвиньте **давность последней покупки** вправо (последняя покупка позже) и следите,
# как растут P(alive) и CLV; сдвиньте вправо **возраст клиента (T)** (молчание дольше) — они падают.

# %% tags=["nbval-ignore-output"]
ck.widgets.CustomerExplorer(model, spend, summary=summary, customer=2332, horizon=52, annual_discount_rate=0.1,
                            margin=0.3, currency=currency, lang=lang)

# %% [markdown] lang="en"
# ## The value table of the base
#
# Sort the customers from the most valuable down: how much of next year's value do the
# top 1%, 5%, 10%... hold?

# %% [markdown] lang="ru" en_hash="1fddb29e"
# ## Таблица ценности базы
#
# Отсортируем клиентов от самых ценных: какую долю ценности следующего года дают верхние
# 1%, 5%, 10%... клиентов?

# %%
concentration = ck.segments.value_concentration(customers["clv"])
top_decile = concentration.loc[0.1]
print(tr(en="next year's value of the base: {total}; the top 10% ({n} customers) hold {share} of it",
         ru="ценность базы за следующий год: {total}; верхние 10% ({n} клиентов) дают {share}").format(
    total=format_money(customers["clv"].sum(), lang, decimals=0), n=int(top_decile["customers"]),
    share=format_percent(top_decile["value_share"], lang, decimals=0)))
as_percent = lambda share: format_percent(share, lang, decimals=0)
ck.format_table(concentration.assign(value_share=concentration["value_share"].map(as_percent))
                .rename(index=as_percent), lang=lang)

# %% [markdown] lang="en"
# A tenth of the customers carry more than half of next year's value, and the lower half of the base less
# than a sixth: most one-time buyers are unlikely to buy again.
#
# ## Whom do we call first?
#
# A win-back call is worth making where, if it works, it **adds** the most. The CLV does not say that:
# it already counts the chance that the customer is gone, CLV = P(alive) × the value if active. A
# call that brings the customer back makes them worth the **value if active**, CLV / P(alive); without it
# they are worth their CLV. The difference is the **value at risk**: what a win-back that surely brings the
# customer back gains (what is lost if they leave is their CLV):
#
# value at risk = CLV / P(alive) × (1 − P(alive)).
#
# For example, a CLV of $40 at P(alive) 50% means $80 if active and $40 at risk. (CLV × (1 − P(alive))
# would give $20: it counts the chance of being gone twice.)

# %% [markdown] lang="ru" en_hash="6ad67df5"
# Десятая часть клиентов даёт больше половины ценности следующего года, а нижняя половина базы — меньше
# шестой части: большинство разовых покупателей вряд ли купят снова.
#
# ## Кому звонить первым?
#
# Звонок для возврата клиента имеет смысл там, где удачный звонок **добавит** больше всего. CLV этого
# не говорит: он уже учитывает вероятность того, что клиент ушёл, CLV = P(alive) × ценность активного
# клиента. Звонок, который вернёт клиента, сделает его ценность равной **ценности активного клиента**,
# CLV / P(alive); без звонка он стоит свой CLV. Разница — **ценность под угрозой**: то, что выиграет
# кампания, которая наверняка вернёт клиента (потеряем же мы при его уходе его CLV):
#
# ценность под угрозой = CLV / P(alive) × (1 − P(alive)).
#
# Например, при CLV 4 000 ₽ и P(alive) 50% активный клиент стоит 8 000 ₽, а под угрозой 4 000 ₽.
# (Формула CLV × (1 − P(alive)) дала бы 2 000 ₽: она учитывает вероятность ухода дважды.)

# %% [markdown] exercise="05.2"
# *Exercise 05.2: the question and the answer cell are written from clvkit/_exercises/nb05.py.*

# %% exercise="05.2"
# the answer cell of exercise 05.2 is written from clvkit/_exercises/nb05.py

# %% [markdown] lang="en"
# The call list does this for the whole base (`ck.segments.retention_targets`): the top 20% by CLV
# (worth something without a call, so the ranking never rests on extrapolation alone), with
# P(alive) between 5% and 70%, sorted by value at risk. Below 5%, CLV / P(alive) divides a tiny number by a
# tiny one: customer 325, printed first, would top the list with $235 at risk, yet a call rarely reaches
# someone gone that long.

# %% [markdown] lang="ru" en_hash="f7e194ec"
# Для всей базы это делает список для звонков (`ck.segments.retention_targets`): верхние 20 % по CLV
# (они чего-то стоят и без звонка, так что порядок в списке не держится на одной экстраполяции) с P(alive)
# от 5 до 70 %, по убыванию ценности под угрозой. Ниже 5 % CLV / P(alive) делит крошечное число на
# крошечное: клиент 325 (он напечатан первым) возглавил бы список с 23 456 ₽ под угрозой, но звонок редко
# возвращает того, кто ушёл так давно.

# %%
one = customers.loc[325]  # in the top 20% by CLV, but below the 5% floor of P(alive)
print(tr(en="customer 325: P(alive) {p}, CLV {clv}, value at risk {risk}",
         ru="клиент 325: P(alive) {p}, CLV {clv}, ценность под угрозой {risk}").format(
    p=format_percent(one["p_alive"], lang, decimals=1), clv=format_money(one["clv"], lang),
    risk=format_money(one["clv"] / one["p_alive"] * (1 - one["p_alive"]), lang, decimals=0)))
call_list = ck.segments.retention_targets(customers, min_p_alive=0.05)
print(tr(en="customers on the call list:", ru="клиентов в списке для звонков:"), len(call_list))
shown = ["frequency", "recency", "T", "p_alive", "clv", "value_if_alive", "value_at_risk"]
ck.format_table(call_list[shown].head().round({"recency": 1, "T": 1, "p_alive": 3, "clv": 2,
                                               "value_if_alive": 2, "value_at_risk": 2}).rename(columns=clv_12),
                lang=lang)

# %% [markdown] lang="en"
# The value at risk is what a call adds **if it brings the customer back**, over 12 months only. Calls
# bring back only some of the lapsed, so the most a call may cost is the value at risk times the share it
# brings back, measured on a control group (notebooks 08 and 10). That share falls the longer the
# silence, so measure it by weeks of silence.
#
# ## Key takeaways
#
# - The model gives each customer P(alive), expected purchases, order value and CLV for 12 months.
# - Silence is judged against the customer's own pace: a frequent buyer gone quiet is more likely lost
#   than a rare, recent one. P(alive) is not a verdict.
# - A tenth of the base carries more than half of next year's value.
# - Call first where a successful call adds most: value at risk = CLV / P(alive) × (1 − P(alive)), not
#   the highest CLV and not the lowest P(alive).

# %% [markdown] lang="ru" en_hash="bef45079"
# Ценность под угрозой — это то, что звонок добавит **за 12 месяцев, если вернёт клиента**. Звонки
# возвращают лишь часть ушедших, поэтому звонок может стоить не больше, чем ценность под угрозой,
# умноженная на долю возвращённых, измеренную на контрольной группе (блокноты 08 и 10). Эта доля тем меньше, чем дольше молчание,
# поэтому измеряйте её по неделям молчания.
#
# ## Главное
#
# - Модель даёт каждому клиенту P(alive), ожидаемые покупки, чек и CLV за 12 месяцев.
# - Молчание оценивают по темпу самого клиента: частый покупатель, который затих, скорее ушёл, чем
#   редкий, купивший недавно. P(alive) — не приговор.
# - Десятая часть базы даёт больше половины ценности следующего года.
# - Первым звонят тому, кому удачный звонок добавит больше всего: ценность под угрозой =
#   CLV / P(alive) × (1 − P(alive)), а не самому высокому CLV и не самой низкой P(alive).

# %% [markdown] lang="en"
# ## Review questions
#
# 1. Two customers made the same number of purchases; one bought last month, the other a year ago. Why
#    does the model rank them differently?
# 2. A frequent buyer gone silent can have a lower P(alive) than an occasional buyer silent just as long.
#    Why?
# 3. A customer's P(alive) is 0.2. Do you take them off your mailing list? What would you do instead?
# 4. Why does the model's CLV already include the risk that the customer has left, and what does that
#    mean for the value at risk?
# 5. The top 10% hold more than half of next year's value. What would you do differently for them, and
#    what would you keep doing for the rest?

# %% [markdown] lang="ru" en_hash="bec1e52e"
# ## Вопросы для самопроверки
#
# 1. Два клиента сделали одинаковое число покупок; один покупал в прошлом месяце, другой — год назад.
#    Почему модель оценивает их по-разному?
# 2. У частого покупателя, который замолчал, P(alive) может быть ниже, чем у редкого покупателя,
#    молчащего столько же. Почему?
# 3. P(alive) клиента — 0,2. Уберёте ли вы его из рассылки? Что вы сделаете вместо этого?
# 4. Почему CLV из модели уже учитывает риск того, что клиент ушёл, и что это значит для ценности под
#    угрозой?
# 5. Верхние 10 % клиентов дают больше половины ценности следующего года. Что вы будете делать для них
#    иначе и что продолжите делать для остальных?
