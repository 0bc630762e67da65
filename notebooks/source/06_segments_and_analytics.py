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
# Here every customer's CLV becomes lists for a CRM team: whom to protect, whom to win back, whom to offer
# more.
#
# **You will learn**
#
# - to set RFM segments (what customers did) beside CLV tiers (what they are expected to be worth);
# - to build a retention list ranked by what a win-back can gain, and to say what an offer may cost;
# - to build an upsell list and one target list with an action for each customer.

# %% [markdown] lang="ru" en_hash="556b7b0c"
# Здесь CLV каждого клиента превращается в списки для CRM-команды: кого беречь, кого возвращать, кому
# предложить больше.
#
# **Вы научитесь**
#
# - сопоставлять RFM-сегменты (что клиенты уже сделали) с уровнями CLV (сколько они, по прогнозу, принесут);
# - собирать список на удержание, упорядоченный по тому, что может выиграть кампания по возврату, и
#   определять, сколько может стоить предложение;
# - собирать список для апсейла и единый список для кампаний с действием для каждого клиента.

# %%
import pandas as pd

import clvkit as ck
from clvkit import teach
from clvkit.models import BGNBD, GammaGamma
from clvkit.i18n import format_money, format_number, format_percent

ck.set_language(tr(en="en", ru="ru"))
# The course's data are in US dollars; the Russian track shows them in roubles at the course's fixed rate.
currency = tr(en="USD", ru="RUB")
ck.set_currency(currency)
lang = ck.get_language()

# %% [markdown] lang="en"
# ## Three labels
#
# As in notebook 05, each CDNOW customer gets a **CLV for the next 12 months** and **P(alive)**, plus two
# labels:
#
# - the **RFM segment** looks back: scores 1-5 on **R**ecency (weeks since the last purchase),
#   **F**requency (repeat purchases) and **M**onetary value (average order); the R × F cell gives the
#   name: *champions* (recent and frequent), *loyal*, *new*, *promising*, *at
#   risk* (frequent, but long ago) and *hibernating* (rare, long ago). The scores are **ranks within this
#   base**, not fixed thresholds: among mostly one-time buyers, a "champion" may have been silent for months;
# - the **CLV tier** looks forward: the top 1% by predicted CLV, the next 4%, the next 15%, the rest.

# %% [markdown] lang="ru" en_hash="31621b21"
# ## Три метки
#
# Как и в блокноте 05, каждый клиент CDNOW получает **CLV на ближайшие 12 месяцев** и **P(alive)**, а к
# ним две метки (суммы пересчитаны из долларов в рубли по условному курсу 100 ₽ за доллар):
#
# - **RFM-сегмент** смотрит назад: клиент получает оценки от 1 до 5 за давность (recency: недели с
#   последней покупки), частоту (frequency: число повторных покупок) и деньги (monetary: средний чек);
#   клетка сетки R × F даёт название: *чемпионы* (недавно и часто), *лояльные*, *новые*,
#   *перспективные*, *под угрозой ухода* (часто, но давно) и *спящие* (редко и давно). Оценки — это
#   **места внутри этой базы**, а не постоянные пороги: среди почти сплошь разовых покупателей «чемпион»
#   может молчать уже несколько месяцев;
# - **уровень CLV** смотрит вперёд: первый 1% клиентов по прогнозному CLV, следующие 4%, следующие 15%
#   и остальные.

# %%
summary = ck.datasets.load_cdnow_summary(currency=currency)
bgnbd, gg = BGNBD().fit(summary), GammaGamma().fit(summary)
value = ck.customer_lifetime_value(bgnbd, gg, summary, horizon="12 months",
                                   annual_discount_rate=0.1, margin=0.3)
customers = summary.join(value[["clv"]]).assign(p_alive=bgnbd.probability_alive(summary))
clv_12 = {"clv": tr(en="clv_12_months", ru="CLV за 12 месяцев")}  # the horizon in the column's name
customers["segment"] = ck.segments.rfm_segments(summary)["segment"]
customers["tier"] = ck.segments.clv_tiers(customers["clv"])
print(tr(en="Customers:", ru="Клиентов:"), format_number(len(customers), lang, decimals=0))
print(tr(en="Value of all customers, next 12 months:",
         ru="Ценность всех клиентов за 12 месяцев:"), format_money(customers["clv"].sum(), lang, decimals=0))
ck.format_table(customers[["clv", "p_alive", "segment", "tier"]].head().round(2).rename(columns=clv_12), lang=lang)

# %% [markdown] lang="en"
# ## The segment map
#
# Each bubble is an RFM segment, placed at its share of customers (across) and its share of next year's
# value (up); its size and figure are its average CLV per customer. A segment
# above the dotted diagonal is worth more than its headcount suggests; one below it, less.

# %% [markdown] lang="ru" en_hash="7d2a1c00"
# ## Карта сегментов
#
# Каждый пузырь — RFM-сегмент: по горизонтали его доля клиентов, по вертикали доля ценности следующего
# года; размер пузыря и число под названием — средний CLV одного клиента сегмента. Сегмент выше пунктирной диагонали ценнее, чем можно судить по его численности, сегмент
# ниже — дешевле.

# %%
by_segment = ck.segments.segment_summary(customers, value="clv")
ax = ck.plots.plot_segment_map(by_segment, horizon="12 months", lang=lang)

# %% [markdown] lang="en"
# Champions, a fifth of the customers, hold two thirds of next year's value; hibernating customers, the
# largest group, a tenth. Now RFM beside the model: customers by RFM segment (rows) and CLV tier (columns).

# %% [markdown] lang="ru" en_hash="91fa04db"
# Чемпионы — пятая часть клиентов — приносят две трети ценности следующего года; спящие, самая большая
# группа, — десятую часть. Теперь RFM рядом с моделью: число клиентов по RFM-сегментам (строки) и уровням
# CLV (столбцы).

# %%
print(tr(en="Share of next year's value held by the top 20% by CLV:",
         ru="Доля ценности следующего года у верхних 20% по CLV:"),
      format_percent(ck.segments.top_share(customers["clv"], 0.2), lang))
named = lambda name: ck.plots.segment_name(name, lang)  # segment names in the reader's language
ck.format_table(pd.crosstab(customers["segment"], customers["tier"]).rename(index=named, columns=named), lang=lang)

# %% [markdown] lang="en"
# The two views agree at the top: the top tiers are almost all champions. They disagree below it: 93
# champions are in the bottom 80% by predicted value: they buy cheap items, or have probably stopped
# buying.
#
# ## Who to retain
#
# The **retention list** of notebook 05 holds valuable customers (top 20% by CLV) with P(alive) between 5%
# and 70%, sorted by **value at risk**: what a win-back that surely brings the customer back gains,
# **CLV / P(alive) × (1 − P(alive))**. The shortcut CLV × (1 − P(alive)) counts the chance of being gone
# twice.

# %% [markdown] lang="ru" en_hash="b2ad5efb"
# Наверху оба взгляда сходятся: верхние уровни почти целиком состоят из чемпионов. Ниже они расходятся:
# 93 чемпиона оказались среди нижних 80% по прогнозной ценности — они покупают дешёвые товары или,
# вероятно, перестали покупать.
#
# ## Кого удерживать
#
# В **список на удержание** из блокнота 05 попадают ценные клиенты (верхние 20% по CLV) с P(alive) от 5
# до 70%. Он отсортирован по **ценности под угрозой** — тому, что выиграет кампания, которая наверняка
# вернёт клиента: **CLV / P(alive) × (1 − P(alive))**. Короткая формула CLV × (1 − P(alive)) учитывает
# вероятность ухода дважды.

# %%
retain = ck.segments.retention_targets(customers, min_p_alive=0.05)
print(tr(en="Customers on the retention list:", ru="Клиентов в списке на удержание:"), len(retain))
print(tr(en="Value at risk:",
         ru="Ценность под угрозой:"), format_money(retain["value_at_risk"].sum(), lang, decimals=0))
shown = ["frequency", "recency", "T", "segment", "clv", "p_alive", "value_at_risk"]
ck.format_table(retain[shown].head().round({"recency": 1, "T": 1, "p_alive": 2, "clv": 0, "value_at_risk": 0})
                .astype({"clv": int, "value_at_risk": int}).rename(columns=clv_12), lang=lang)

# %% [markdown] lang="en"
# RFM calls most of these customers champions; the model sees what RFM cannot: for someone who bought every
# few weeks, a few silent months are a bad sign. Customer 2332, step by step:

# %% [markdown] lang="ru" en_hash="efa26f62"
# RFM называет большинство этих клиентов чемпионами; модель видит то, чего не видит RFM: для того, кто
# покупал раз в несколько недель, несколько месяцев тишины — плохой знак. Клиент 2332 по шагам:

# %%
row = retain.loc[2332]
steps = pd.Series({
    tr(en="CLV (model, next 12 months)", ru="CLV (модель, 12 месяцев)"): row["clv"],
    "P(alive)": row["p_alive"],
    tr(en="value if alive = CLV / P(alive)", ru="ценность активного = CLV / P(alive)"): row["value_if_alive"],
    tr(en="value at risk = value if alive − CLV", ru="под угрозой = ценность активного − CLV"): row["value_at_risk"],
    tr(en="CLV × (1 − P(alive)) (counts P(alive) twice)",
       ru="CLV × (1 − P(alive)) (P(alive) учтена дважды)"): row["clv"] * (1 - row["p_alive"]),
}, name=tr(en="customer 2332", ru="клиент 2332"))
ck.format_table(steps.round(2).to_frame(), lang=lang)

# %% [markdown] lang="en"
# Keep two questions apart. If this customer leaves for good today, the company loses the CLV. If a
# win-back surely brings them back, it gains the value at risk, more than the CLV when P(alive)
# is below one half. No offer brings everyone back, so what an offer earns per contacted customer is the
# value at risk **times the share of lapsed customers it brings back**, measured against a control group
# (notebooks 08 and 10): the most the offer may cost. The share falls the longer the silence: measure it
# by weeks of silence. And this counts 12 months only.

# %% [markdown] lang="ru" en_hash="eb9bf862"
# Не путайте два вопроса. Если этот клиент сегодня уйдёт навсегда, компания потеряет его CLV. Если
# кампания наверняка вернёт его, она выиграет ценность под угрозой — больше самого CLV, когда P(alive)
# ниже половины. Ни одно предложение не возвращает всех, поэтому на одного охваченного клиента оно
# приносит ценность под угрозой, **умноженную на долю ушедших клиентов, которых оно возвращает**; эту долю
# измеряют на контрольной группе (блокноты 08 и 10). Это произведение и есть предельная цена предложения.
# Чем дольше клиент молчит, тем меньше эта доля: измеряйте её по неделям молчания. И счёт идёт только за
# 12 месяцев.

# %% [markdown] exercise="06.1"
# *Exercise 06.1: the question and the answer cell are written from clvkit/_exercises/nb06.py.*

# %% exercise="06.1"
# the answer cell of exercise 06.1 is written from clvkit/_exercises/nb06.py

# %% [markdown] exercise="06.2"
# *Exercise 06.2: the question and the answer cell are written from clvkit/_exercises/nb06.py.*

# %% exercise="06.2"
# the answer cell of exercise 06.2 is written from clvkit/_exercises/nb06.py

# %% [markdown] lang="en"
# ## Who to upsell, and one target list
#
# **Upsell** (a bigger or premium version) suits customers who buy often but spend little each time. The upsell list takes the repeat buyers in the top quarter by
# frequency whose average order is at most the median, ranked by **upsell potential** (the gap to the
# median order times their repeat purchases: a yardstick, not a forecast). We keep those with P(alive) at
# least 50%.
#
# One list goes to the CRM (`targets.to_csv("targets.csv")`): who, which offer, what they are worth; a
# customer on both lists gets the retention offer first.

# %% [markdown] lang="ru" en_hash="3c711974"
# ## Кому предлагать апсейл. Единый список
#
# **Апсейл** (более дорогая или расширенная версия) подходит тем, кто покупает часто, но понемногу. В список для апсейла попадают повторные покупатели из верхней
# четверти по частоте покупок, чей средний чек не выше медианного; их порядок задаёт **потенциал
# апсейла** (разница до медианного чека, умноженная на число их повторных покупок: мерка для
# сортировки, а не прогноз). Оставляем тех, у кого P(alive) не ниже 50%.
#
# В CRM уходит один список (`targets.to_csv("targets.csv")`): кто, какое предложение и сколько клиент
# стоит; клиент из обоих списков сначала получает предложение на удержание.

# %%
upsell = ck.segments.upsell_targets(customers)
upsell = upsell[upsell["p_alive"] >= 0.5]  # an upsell offer needs a customer who still buys
print(tr(en="Customers on the upsell list:", ru="Клиентов в списке для апсейла:"), len(upsell))
columns = ["segment", "tier", "clv", "p_alive"]
targets = pd.concat([retain[columns].assign(action=tr(en="retention offer", ru="удержание")),
                     upsell[columns].assign(action=tr(en="upsell offer", ru="апсейл"))])
targets = targets[~targets.index.duplicated(keep="first")]  # on both lists: the retention offer first
print(ck.format_table(targets["action"].value_counts(), lang=lang).to_string())
ck.format_table(targets.iloc[[0, 1, -2, -1]].round(2).round({"clv": 0}).astype({"clv": int}).rename(columns=clv_12),
                lang=lang)

# %% [markdown] lang="en"
# The explorer groups the same customers by two thresholds or by 12-month CLV tiers. Lower
# **Recent: bought within** and watch value leave the recent segments.

# %% [markdown] lang="ru" en_hash="b833435e"
# Панель делит тех же клиентов по двум порогам или на уровни CLV за 12 месяцев. Уменьшите
# **«Недавние: покупали за последние»** и следите, как ценность уходит из недавних сегментов.

# %% tags=["nbval-ignore-output"]
ck.widgets.SegmentExplorer(summary, customers["clv"], currency=currency, lang=lang)

# %% [markdown] lang="en"
# ## Key takeaways
#
# - RFM segments say what customers did; CLV tiers say what they are expected to be worth. Value is
#   concentrated: the top 20% by CLV hold most of it.
# - Rank a retention list by value at risk, CLV / P(alive) × (1 − P(alive)): the model's CLV already
#   counts the chance that the customer stays.
# - An offer earns the value at risk times the share of lapsed customers it brings back; that is the
#   most it may cost.
# - Upsell suits frequent buyers with small baskets.

# %% [markdown] lang="ru" en_hash="15215d23"
# ## Главное
#
# - RFM-сегменты говорят, что клиенты уже сделали; уровни CLV — сколько они, по прогнозу, принесут.
#   Ценность сконцентрирована: у верхних 20% по CLV большая её часть.
# - Список на удержание упорядочивайте по ценности под угрозой, CLV / P(alive) × (1 − P(alive)): CLV
#   модели уже учитывает шанс, что клиент останется.
# - Предложение приносит ценность под угрозой, умноженную на долю ушедших клиентов, которых оно
#   возвращает; больше оно стоить не может.
# - Апсейл подходит частым покупателям с маленьким чеком.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. RFM calls a customer a champion while his P(alive) is falling. Which view do you act on, and what
#    would you do with him?
# 2. Why is what a win-back can gain CLV / P(alive) × (1 − P(alive)), and not CLV × (1 − P(alive))?
#    And what does the company lose if the customer leaves for good today?
# 3. Why are the 50 customers with the highest CLV a poor list for win-back calls?
# 4. A win-back offer brings back 1 lapsed customer in 10. How do you work out the most it may cost?
# 5. Whom would you offer an upsell first: a frequent buyer with small baskets, or a rare buyer with
#    large ones? Why?

# %% [markdown] lang="ru" en_hash="549cb7b2"
# ## Вопросы для самопроверки
#
# 1. По RFM клиент — «чемпион», а его P(alive) падает. По какой оценке вы будете действовать и что с
#    ним сделаете?
# 2. Почему кампания по возврату может выиграть CLV / P(alive) × (1 − P(alive)), а не CLV × (1 − P(alive))?
#    И что теряет компания, если клиент сегодня уйдёт навсегда?
# 3. Почему 50 клиентов с самым высоким CLV — плохой список для звонков с предложением вернуться?
# 4. Предложение о возврате возвращает одного ушедшего клиента из 10. Как определить, сколько оно может
#    стоить?
# 5. Кому вы первым предложите апсейл: частому покупателю с маленькими чеками или редкому с большими?
#    Почему?
