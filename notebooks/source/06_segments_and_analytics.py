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
# This notebook turns every customer's CLV into lists a CRM team can work through: whom to protect, whom
# to win back, whom to offer more.
#
# **You will learn**
#
# - to set RFM segments (what customers did) beside CLV tiers (what they are expected to be worth);
# - to build a retention list ranked by what a win-back can gain, and to say what an offer may cost;
# - to build an upsell list and one target list with an action for each customer.

# %% [markdown] lang="ru" en_hash="8ec4a6a3"
# В этом блокноте CLV каждого клиента превращается в списки, с которыми может работать CRM-команда:
# кого беречь, кого возвращать, кому предложить больше.
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
# ## Every customer, three labels
#
# As in notebook 05, the models give each CDNOW customer a **CLV for the next 12 months** (at an
# assumed 30% margin, discounted at 10% a year) and **P(alive)**, the chance of still being active. Two
# labels go beside them:
#
# - the **RFM segment** looks back: scores 1-5 on **R**ecency (weeks since the last purchase),
#   **F**requency (repeat purchases) and **M**onetary value (average order), and a rule table that names
#   the cells of the R × F grid: *champions* (recent and frequent), *loyal*, *new*, *promising*, *at
#   risk* (frequent, but long ago) and *hibernating* (rare, long ago). The scores are **ranks within this
#   base**, not fixed thresholds: among mostly one-time buyers, a "champion" may have been silent for months;
# - the **CLV tier** looks forward: the top 1% by predicted CLV, the next 4%, the next 15%, the rest.

# %% [markdown] lang="ru" en_hash="ef60bad4"
# ## Каждый клиент и три метки
#
# Как и в блокноте 05, модели дают каждому клиенту CDNOW **CLV на ближайшие 12 месяцев** (при марже
# 30% — это наше допущение — и дисконтировании по ставке 10% в год) и **P(alive)** — вероятность того, что
# клиент всё ещё активен. Суммы CDNOW записаны в долларах, здесь они пересчитаны в рубли по условному
# курсу 100 ₽ за доллар. Рядом ставим две метки:
#
# - **RFM-сегмент** смотрит назад: клиент получает оценки от 1 до 5 за давность (recency: недели с
#   последней покупки), частоту (frequency: число повторных покупок) и деньги (monetary: средний чек), а
#   таблица правил называет клетки сетки R × F: *чемпионы* (недавно и часто), *лояльные*, *новые*,
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
# The champions, about a fifth of the customers, hold about two thirds of next year's value; the
# hibernating customers, the largest group, hold a tenth. Now set RFM beside the model's view: customers
# by RFM segment (rows) and CLV tier (columns).

# %% [markdown] lang="ru" en_hash="2025e5bf"
# Чемпионы — примерно пятая часть клиентов — приносят около двух третей ценности следующего года; спящие,
# самая большая группа, — десятую часть. Теперь сравним RFM со взглядом модели: число клиентов по
# RFM-сегментам (строки) и уровням CLV (столбцы).

# %%
print(tr(en="Share of next year's value held by the top 20% by CLV:",
         ru="Доля ценности следующего года у верхних 20% по CLV:"),
      format_percent(ck.segments.top_share(customers["clv"], 0.2), lang))
named = lambda name: ck.plots.segment_name(name, lang)  # segment names in the reader's language
ck.format_table(pd.crosstab(customers["segment"], customers["tier"]).rename(index=named, columns=named), lang=lang)

# %% [markdown] lang="en"
# The two views agree at the top: the top tiers are almost all champions. They disagree below it: 93
# champions are in the bottom 80% by predicted value, because a recent, frequent buyer of cheap items
# is not worth much, and the model sees which of them have probably stopped buying. Value is
# concentrated: protect the top 20% first.
#
# ## Who to retain
#
# The **retention list** holds valuable customers (top 20% by CLV) with P(alive) between 5% and 70%,
# sorted by **value at risk**: what a win-back that surely brings the customer back gains, the value if
# alive less the CLV, **CLV / P(alive) × (1 − P(alive))** (notebook 05). The shortcut CLV × (1 − P(alive))
# counts the chance of being gone twice. The 5% floor keeps off customers the model has all but written
# off: there CLV / P(alive) divides a tiny number by a tiny one, and a call rarely reaches them.

# %% [markdown] lang="ru" en_hash="179877a6"
# Наверху оба взгляда сходятся: верхние уровни почти целиком состоят из чемпионов. Ниже они расходятся:
# 93 чемпиона оказались среди нижних 80% по прогнозной ценности — недавний и частый покупатель дешёвых
# товаров приносит немного, а модель к тому же видит, кто из них, вероятно, перестал покупать. Ценность
# сконцентрирована: в первую очередь берегите верхние 20%.
#
# ## Кого удерживать
#
# В **список на удержание** попадают ценные клиенты (верхние 20% по CLV) с P(alive) от 5 до 70%. Он
# отсортирован по **ценности под угрозой** — тому, что выиграет кампания, которая наверняка вернёт
# клиента: ценность активного клиента минус CLV, **CLV / P(alive) × (1 − P(alive))** (блокнот 05).
# Короткая формула CLV × (1 − P(alive)) учитывает вероятность ухода дважды. Порог 5% отсекает тех, кого
# модель почти списала: у них CLV / P(alive) делит крошечное число на крошечное, а звонок до них почти
# не доходит.

# %%
retain = ck.segments.retention_targets(customers, min_p_alive=0.05)
print(tr(en="Customers on the retention list:", ru="Клиентов в списке на удержание:"), len(retain))
print(tr(en="Value at risk:",
         ru="Ценность под угрозой:"), format_money(retain["value_at_risk"].sum(), lang, decimals=0))
shown = ["frequency", "recency", "T", "segment", "clv", "p_alive", "value_at_risk"]
ck.format_table(retain[shown].head().round({"recency": 1, "T": 1, "p_alive": 2, "clv": 0, "value_at_risk": 0})
                .astype({"clv": int, "value_at_risk": int}).rename(columns=clv_12), lang=lang)

# %% [markdown] lang="en"
# RFM calls most of these customers champions: they bought often, and not very long ago. The model sees
# what RFM cannot: for someone who used to buy every few weeks, a few silent months are a bad sign.
# Customer 2332, step by step:

# %% [markdown] lang="ru" en_hash="594c8c66"
# RFM называет большинство этих клиентов чемпионами: они покупали часто и не так давно. Модель видит то,
# чего не видит RFM: для того, кто покупал раз в несколько недель, несколько месяцев тишины — плохой
# знак. Клиент 2332 по шагам:

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
# win-back surely brings them back, it gains the value at risk, more than the CLV itself when P(alive)
# is below one half. No offer brings everyone back, so what an offer earns per contacted customer is the
# value at risk **times the share of lapsed customers it brings back**, measured against a control group
# (notebooks 08 and 10): the most the offer may cost. Two caveats. Like 05.2, this takes one share for
# the whole list, but fewer come back the longer they have been silent: measure it by weeks of silence.
# And it counts 12 months only, leaving out what a returned customer buys later.

# %% [markdown] lang="ru" en_hash="2092600e"
# Не путайте два вопроса. Если этот клиент сегодня уйдёт навсегда, компания потеряет его CLV. Если
# кампания наверняка вернёт его, она выиграет ценность под угрозой — больше самого CLV, когда P(alive)
# ниже половины. Ни одно предложение не возвращает всех, поэтому на одного охваченного клиента оно
# приносит ценность под угрозой, **умноженную на долю ушедших клиентов, которых оно возвращает**; эту долю
# измеряют на контрольной группе (блокноты 08 и 10). Это произведение и есть предельная цена предложения.
# Две оговорки. Как и в 05.2, здесь одна доля на весь список, а чем дольше клиент молчит, тем реже он
# возвращается: измеряйте долю по неделям молчания. И счёт идёт только за 12 месяцев, без того, что
# вернувшийся клиент купит позже.

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
# **Upsell** (a bigger or premium version) and **cross-sell** (a related product) suit customers who
# buy often but spend little each time. The upsell list takes the repeat buyers in the top quarter by
# frequency whose average order is at most the median, ranked by **upsell potential** (the gap to the
# median order times their repeat purchases: a yardstick, not a forecast). We keep those probably still
# buying (P(alive) at least 50%).
#
# A campaign team needs one list: who, which offer, what they are worth. A customer on both lists gets
# the retention offer first. `targets.to_csv("targets.csv")` hands the list to the CRM.

# %% [markdown] lang="ru" en_hash="070334c8"
# ## Кому делать апсейл, и единый список
#
# **Апсейл** (более дорогая или расширенная версия) и **кросс-селл** (сопутствующий товар) подходят тем,
# кто покупает часто, но понемногу. В список для апсейла попадают повторные покупатели из верхней
# четверти по частоте покупок, чей средний чек не выше медианного; их порядок задаёт **потенциал
# апсейла** (разница до медианного чека, умноженная на число их повторных покупок: мерка для
# сортировки, а не прогноз). Оставляем тех, кто, скорее всего, ещё покупает (P(alive) не ниже 50%).
#
# Команде, которая запускает кампании, нужен один список: кто, какое предложение и сколько клиент стоит.
# Клиент из обоих списков сначала получает предложение на удержание. `targets.to_csv("targets.csv")`
# передаст список в CRM.

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
# ## Key takeaways
#
# - RFM segments say what customers did; CLV tiers say what they are expected to be worth. Value is
#   concentrated: the top 20% by CLV hold most of it.
# - Rank a retention list by value at risk, CLV / P(alive) × (1 − P(alive)): the model's CLV already
#   counts the chance that the customer stays. RFM often still calls these customers champions.
# - An offer earns the value at risk times the share of lapsed customers it brings back; that is the
#   most it may cost.
# - Upsell suits frequent buyers with small baskets. One target list with one action per customer is
#   what a CRM team can use.

# %% [markdown] lang="ru" en_hash="50e6b7c3"
# ## Главное
#
# - RFM-сегменты говорят, что клиенты уже сделали; уровни CLV — сколько они, по прогнозу, принесут.
#   Ценность сконцентрирована: у верхних 20% по CLV большая её часть.
# - Список на удержание упорядочивайте по ценности под угрозой, CLV / P(alive) × (1 − P(alive)): CLV
#   модели уже учитывает шанс, что клиент останется. RFM часто всё ещё называет таких клиентов чемпионами.
# - Предложение приносит ценность под угрозой, умноженную на долю ушедших клиентов, которых оно
#   возвращает; больше оно стоить не может.
# - Апсейл подходит частым покупателям с маленьким чеком. Единый список с одним действием для каждого
#   клиента — то, с чем может работать CRM-команда.

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
