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
# An average CLV hides the most useful fact about a customer base: a few customers carry most of
# the value, some valuable customers are quietly slipping away, and others buy often but spend
# little. Analytics turns one average into lists of people to act on.
#
# **You will learn**
#
# - to score customers on recency, frequency and money (RFM) and give the segments names;
# - to rank customers into CLV tiers and measure how concentrated value is (Lorenz curve, Gini);
# - to find the valuable customers whose chance of still being active is falling (who to retain);
# - to find frequent buyers with small baskets (who to upsell) and build one target list;
# - to explore segments and tiers with the segment explorer.

# %% [markdown] lang="ru" en_hash="d2ecdf0c"
# Средний CLV скрывает самое полезное знание о клиентской базе: немногие клиенты приносят
# большую часть ценности, часть ценных клиентов незаметно уходит, а другие покупают часто, но
# понемногу. Аналитика превращает одно среднее число в списки людей, с которыми можно работать.
#
# **Вы научитесь**
#
# - оценивать клиентов по давности, частоте покупок и сумме (RFM) и давать сегментам имена;
# - делить клиентов на уровни по CLV и измерять концентрацию ценности (кривая Лоренца, коэффициент Джини);
# - находить ценных клиентов, у которых падает вероятность остаться (кого удерживать);
# - находить частых покупателей с маленьким средним чеком (кому делать апсейл) и собирать единый
#   список для кампаний;
# - исследовать сегменты и уровни в интерактивной панели сегментов.

# %% [markdown] lang="en"
# ## Why analytics matters
#
# A marketing budget is spent on people, not on averages. Three questions decide where it goes:
# **who is valuable** (protect them), **who is slipping away** (win them back before they go) and
# **who could buy more** (offer them more). This notebook answers each with a few lines of code on
# the CDNOW customers you met in notebook 06. First the tools:

# %% [markdown] lang="ru" en_hash="c116c1ba"
# ## Почему важна аналитика
#
# Маркетинговый бюджет тратится на людей, а не на средние значения. Куда его направить, решают три
# вопроса: **кто ценен** (их надо беречь), **кто уходит** (их надо вернуть, пока не поздно) и **кто
# может покупать больше** (им стоит предложить больше). В этом блокноте мы ответим на каждый
# вопрос несколькими строками кода на клиентах CDNOW, знакомых по блокноту 06. Сначала инструменты:

# %%
import matplotlib.pyplot as plt
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
# ## Every customer's value
#
# As in notebook 06, the BG/NBD model predicts how many purchases each customer will make and the
# Gamma-Gamma model how much each purchase will be worth. Together they give each customer's
# **CLV for the next 12 months**, at an assumed 30% margin and a 10% yearly discount rate. We also
# keep **P(alive)**, the model's probability that the customer is still active.

# %% [markdown] lang="ru" en_hash="90d3c463"
# ## Ценность каждого клиента
#
# Как и в блокноте 06, модель BG/NBD предсказывает, сколько покупок сделает каждый клиент, а модель
# Gamma-Gamma — какой будет сумма каждой покупки. Вместе они дают **CLV каждого клиента на
# ближайшие 12 месяцев** при марже 30% (наше допущение) и ставке дисконтирования 10% в год. Сохраним
# и **P(alive)** — вероятность того, что клиент всё ещё активен. Суммы CDNOW записаны в долларах, здесь они
# пересчитаны в рубли по условному курсу 100 ₽ за доллар.

# %%
summary = ck.datasets.load_cdnow_summary(currency=currency)
bgnbd = BGNBD().fit(summary)
gg = GammaGamma().fit(summary)
value = ck.customer_lifetime_value(bgnbd, gg, summary, horizon="12 months",
                                   annual_discount_rate=0.1, margin=0.3)
customers = summary.join(value[["clv"]])
customers["p_alive"] = bgnbd.probability_alive(summary)
print(tr(en="Value of all customers, next 12 months:",
         ru="Ценность всех клиентов за 12 месяцев:"), format_money(customers["clv"].sum(), lang, decimals=0))
print(tr(en="Average CLV per customer:",
         ru="Средний CLV на клиента:"), format_money(customers["clv"].mean(), lang, decimals=0))
ck.format_table(customers[["frequency", "recency", "T", "monetary_value", "clv", "p_alive"]].head().round(2), lang=lang)

# %% [markdown] lang="en"
# ## RFM scores
#
# **RFM** is the oldest tool of database marketing (Hughes 1994). Each customer gets three scores
# from 1 (worst) to 5 (best), by quintile — the best fifth of customers gets a 5:
#
# - **R**ecency: weeks since the last purchase (`T - recency`); the shorter, the higher the score;
# - **F**requency: the number of repeat purchases;
# - **M**onetary value: the average order value.
#
# Customers with the same value share a score. Most CDNOW customers never came back, so they all
# share the lowest F score, and the scores just above it go unused:

# %% [markdown] lang="ru" en_hash="7c9b3f9f"
# ## RFM-оценки
#
# **RFM** — старейший инструмент директ-маркетинга (Hughes 1994). Каждый клиент получает три оценки
# от 1 (хуже всего) до 5 (лучше всего) по квинтилям: лучшая пятая часть клиентов получает 5:
#
# - **R** (recency, давность): сколько недель прошло с последней покупки (`T - recency`); чем меньше,
#   тем выше оценка;
# - **F** (frequency, частота покупок): число повторных покупок;
# - **M** (monetary, деньги): средний чек.
#
# Клиенты с одинаковым значением получают одинаковую оценку. Большинство клиентов CDNOW так и не
# вернулись, поэтому у всех них самая низкая оценка F, а ближайшие к ней оценки остаются пустыми:

# %%
scores = ck.segments.rfm_scores(summary)
print(tr(en="Customers who never came back:",
         ru="Клиенты, которые не вернулись:"), format_number((summary["frequency"] == 0).sum(), lang, decimals=0))
ck.format_table(scores.head(), lang=lang)

# %% [markdown] lang="en"
# Segments are cut on the grid of R and F scores. The table counts customers in each cell (rows: R,
# columns: F): the top-right corner holds recent, frequent buyers; the bottom-left, customers who
# bought once, long ago.

# %% [markdown] lang="ru" en_hash="662c6c28"
# Сегменты нарезаются по сетке оценок R и F. В таблице — число клиентов в каждой клетке (строки — R,
# столбцы — F): в правом верхнем углу недавние и частые покупатели, в левом нижнем — те, кто купил
# один раз и давно.

# %%
ck.format_table(pd.crosstab(scores["recency_score"], scores["frequency_score"]).sort_index(ascending=False), lang=lang)

# %% [markdown] lang="en"
# ## Named segments
#
# A rule table turns scores into names a team can act on. The first matching row wins, and together
# the rows cover every (R, F) cell, so every customer gets exactly one segment:
#
# | segment | R score | F score | what to do |
# |---|---|---|---|
# | champions | 4-5 | 4-5 | bought recently and often: reward them, ask for referrals |
# | loyal | 3-5 | 3-5 | buy regularly: loyalty benefits and upsell |
# | new | 4-5 | 1 | first purchase recently, no repeat yet: onboard them |
# | promising | 3-5 | 1-2 | recent but infrequent: build the habit with personal offers |
# | at risk | 1-2 | 3-5 | used to buy often but not lately: win them back before they go |
# | hibernating | 1-2 | 1-2 | long ago and rarely: low-cost reactivation, or let go |

# %% [markdown] lang="ru" en_hash="90c523b2"
# ## Сегменты с именами
#
# Таблица правил превращает оценки в понятные команде имена. Срабатывает первая подходящая строка, а
# все строки вместе покрывают каждую клетку (R, F), поэтому каждый клиент попадает ровно в один
# сегмент:
#
# | сегмент | оценка R | оценка F | что делать |
# |---|---|---|---|
# | чемпионы (champions) | 4–5 | 4–5 | покупали недавно и часто: благодарить, просить рекомендовать нас |
# | лояльные (loyal) | 3–5 | 3–5 | покупают регулярно: привилегии программы лояльности и апсейл |
# | новые (new) | 4–5 | 1 | первая покупка недавно, повторной ещё нет: помочь освоиться |
# | перспективные (promising) | 3–5 | 1–2 | недавние, но редкие: закрепить привычку персональными предложениями |
# | под угрозой ухода (at risk) | 1–2 | 3–5 | покупали часто, но давно: вернуть, пока не ушли совсем |
# | спящие (hibernating) | 1–2 | 1–2 | давно и редко: недорогая реактивация или отпустить |

# %%
customers["segment"] = ck.segments.rfm_segments(summary)["segment"]
by_segment = ck.segments.segment_summary(customers, value="clv")
named = lambda name: ck.plots.segment_name(name, lang)  # segment names in the reader's language
digits = {"customer_share": 3, "total_value": 0, "mean_value": 2, "value_share": 3}
ck.format_table(by_segment.rename(index=named).round(digits), lang=lang)

# %% [markdown] lang="en"
# The **segment map** puts each segment at its share of customers (across) and its share of value
# (up); the bubble size is the segment's average CLV. A segment above the dotted diagonal is worth
# more than its headcount suggests, one below it less.

# %% [markdown] lang="ru" en_hash="594e83cd"
# **Карта сегментов** показывает каждый сегмент по его доле клиентов (по горизонтали) и доле
# ценности (по вертикали); размер пузыря — средний CLV сегмента. Сегмент выше пунктирной диагонали
# ценнее, чем можно судить по его численности, сегмент ниже — дешевле.

# %%
ax = ck.plots.plot_segment_map(by_segment, lang=lang)

# %%
champions = by_segment.loc["champions"]
print(tr(en="Champions, share of customers:",
         ru="Чемпионы, доля клиентов:"), format_percent(champions["customer_share"], lang))
print(tr(en="Champions, share of value:  ",
         ru="Чемпионы, доля ценности:"), format_percent(champions["value_share"], lang))

# %% [markdown] lang="en"
# About a fifth of the customers, the champions, hold about two thirds of next year's value, while
# the hibernating customers, the largest group, hold little.

# %% [markdown] lang="ru" en_hash="1d2c5f16"
# Примерно пятая часть клиентов — чемпионы — приносит около двух третей ценности следующего года,
# а спящие клиенты, самая большая группа, приносят мало.

# %% [markdown] exercise="06.2"
# *Exercise 06.2: the question and the answer cell are written from clvkit/_exercises/nb08.py.*

# %% exercise="06.2"
# the answer cell of exercise 06.2 is written from clvkit/_exercises/nb08.py

# %% [markdown] lang="en"
# ## CLV tiers
#
# RFM looks back at what customers did; **CLV tiers** look forward at what they are expected to be
# worth. Rank customers by predicted CLV and cut the ranking: the top 1%, the next 4% (top 1-5%),
# the next 15% (top 5-20%) and the remaining 80%.

# %% [markdown] lang="ru" en_hash="9fe7124d"
# ## Уровни CLV
#
# RFM смотрит назад, на то, что клиенты уже сделали; **уровни CLV** смотрят вперёд, на то, сколько
# клиенты, по прогнозу, принесут. Отсортируем клиентов по прогнозному CLV и разрежем список: первый
# 1%, следующие 4% (топ 1–5%), следующие 15% (топ 5–20%) и остальные 80%.

# %%
customers["tier"] = ck.segments.clv_tiers(customers["clv"])
by_tier = ck.segments.segment_summary(customers, by="tier", value="clv")
ck.format_table(by_tier.rename(index=named).round(digits), lang=lang)

# %% [markdown] lang="en"
# The two views disagree in instructive ways. Count customers by RFM segment (rows) and CLV tier
# (columns): some "champions" are only in the bottom 80% by predicted value, because a recent,
# frequent buyer of cheap items is not worth much, and the model also sees which of them have
# probably stopped buying.

# %% [markdown] lang="ru" en_hash="deb2a0c2"
# Эти два взгляда расходятся, и это поучительно. Посчитаем клиентов по сегменту RFM (строки) и уровню
# CLV (столбцы): часть «чемпионов» оказывается среди нижних 80% по прогнозной ценности — недавний и
# частый покупатель дешёвых товаров приносит немного, а модель к тому же видит, кто из них,
# вероятно, перестал покупать.

# %%
ck.format_table(pd.crosstab(customers["segment"], customers["tier"]).rename(index=named, columns=named), lang=lang)

# %% [markdown] lang="en"
# ## How concentrated is value
#
# The **Lorenz curve** lines customers up from the least to the most valuable and shows what share of
# the total value the first x% of them hold. If everybody were worth the same, it would follow the
# diagonal; the further it sags below, the more value sits with a few customers. The **Gini
# coefficient** puts that in one number: 0 when everyone is worth the same, close to 1 when one
# customer holds everything.

# %% [markdown] lang="ru" en_hash="7783805d"
# ## Насколько сконцентрирована ценность
#
# **Кривая Лоренца** выстраивает клиентов от наименее к наиболее ценным и показывает, какую долю
# общей ценности дают первые x% из них. Если бы все клиенты стоили одинаково, кривая шла бы по
# диагонали; чем сильнее она провисает, тем больше ценности сосредоточено у немногих. **Коэффициент
# Джини** выражает это одним числом: 0, когда все клиенты стоят одинаково, и почти 1, когда вся
# ценность у одного клиента.

# %%
concentration = ck.segments.value_concentration(customers["clv"])
print(tr(en="Gini coefficient:",
         ru="Коэффициент Джини:"), format_number(concentration.attrs["gini"], lang, decimals=2))
ck.format_table(concentration.round(3), lang=lang)

# %%
ax = ck.plots.plot_lorenz(customers["clv"], lang=lang)

# %% [markdown] lang="en"
# The histogram shows the same thing from another angle: most customers are worth a few dollars and
# a long tail is worth far more (the count axis is logarithmic so the tail stays visible).

# %% [markdown] lang="ru" en_hash="fe999db6"
# Гистограмма показывает то же с другой стороны: большинство клиентов стоят несколько сотен рублей, а
# длинный «хвост» — гораздо больше (ось с числом клиентов логарифмическая, чтобы хвост был виден).

# %%
ax = ck.plots.plot_clv_distribution(customers["clv"], log=True, lang=lang)

# %% [markdown] exercise="06.1"
# *Exercise 06.1: the question and the answer cell are written from clvkit/_exercises/nb08.py.*

# %% exercise="06.1"
# the answer cell of exercise 06.1 is written from clvkit/_exercises/nb08.py

# %%
teach.hint("06.1", lang=lang)

# %% [markdown] lang="en"
# ## Who to retain
#
# The retention list holds customers who are **valuable** (top 20% by CLV) and whose **P(alive) is
# falling**: it has dropped since a month ago (we recompute it as of 31 August 1997) and is now at most
# 70%. P(alive) falls week after week when a customer who used to buy regularly stops buying.
#
# The list is sorted by **value at risk**, the value a successful win-back would save. Careful: the
# model's CLV already weighs every future purchase by the chance that the customer is still active,
# so CLV = P(alive) × *value if alive*. A win-back that surely brings the customer back makes them
# worth the value if alive, CLV / P(alive); without it they are worth the CLV. The difference is the
# value at risk: CLV / P(alive) × (1 − P(alive)). (CLV × (1 − P(alive)) would count the chance of
# being gone twice.)

# %% [markdown] lang="ru" en_hash="fdd010b0"
# ## Кого удерживать
#
# В список на удержание попадают клиенты, которые **ценны** (верхние 20% по CLV) и у которых **падает
# P(alive)**: она снизилась по сравнению с месяцем раньше (пересчитаем её на 31 августа 1997 года) и
# сейчас не выше 70%. P(alive) падает неделя за неделей, когда клиент, покупавший регулярно,
# перестаёт покупать.
#
# Список отсортирован по **ценности под угрозой** — столько сохранит удачная кампания по возврату.
# Осторожно: CLV модели уже взвешивает каждую будущую покупку вероятностью того, что клиент ещё
# активен, то есть CLV = P(alive) × *ценность активного клиента*. Кампания, которая наверняка
# возвращает клиента, делает его ценность равной ценности активного клиента, CLV / P(alive); без
# кампании он стоит свой CLV. Разница и есть ценность под угрозой: CLV / P(alive) × (1 − P(alive)).
# (Формула CLV × (1 − P(alive)) учла бы вероятность ухода дважды.)

# %%
tx = ck.datasets.load_cdnow_transactions(currency=currency)
month_ago = ck.summarize(tx[tx["date"] <= "1997-08-31"], observation_end="1997-08-31")
customers["p_alive_before"] = bgnbd.probability_alive(month_ago).reindex(customers.index)
retain = ck.segments.retention_targets(customers, previous_p_alive="p_alive_before")
print(tr(en="Customers on the retention list:", ru="Клиентов в списке на удержание:"), len(retain))
print(tr(en="Value at risk:",
         ru="Ценность под угрозой:"), format_money(retain["value_at_risk"].sum(), lang, decimals=0))
shown = ["frequency", "recency", "T", "segment", "clv", "p_alive_before", "p_alive", "value_at_risk"]
ck.format_table(retain[shown].head().round(2).round({"clv": 0, "value_at_risk": 0}).astype(
    {"clv": int, "value_at_risk": int}), lang=lang)

# %% [markdown] lang="en"
# The first customer on the list, step by step. The last line is the formula that counts the chance
# of being gone twice: it understates what a win-back saves by the factor P(alive). Keep two questions
# apart: if the customer leaves for good today, the company loses their CLV; if a win-back brings them
# back for sure, it gains the value at risk, more than the CLV itself when P(alive) is below one half.
# The list is led by customers who are probably gone already: worth a lot if brought back, but the
# hardest to bring back.
# What a win-back may cost per contacted customer is therefore the value at risk times the share of
# lapsed customers the offer actually brings back (measure it on a control group; notebook 11).

# %% [markdown] lang="ru" en_hash="29fd071e"
# Первый клиент списка по шагам. Последняя строка — формула, которая учитывает вероятность ухода
# дважды: она занижает то, что сохранит кампания по возврату, в P(alive) раз. Не путайте два вопроса:
# если клиент сегодня уйдёт навсегда, компания теряет его CLV; если кампания наверняка вернёт его, она
# выиграет ценность под угрозой — больше самого CLV, когда P(alive) ниже половины. Список возглавляют
# клиенты, которые, скорее всего, уже ушли: вернуть их ценно, но труднее всего. Поэтому тратить на
# одного охваченного клиента можно не больше, чем ценность под угрозой, умноженная на долю ушедших
# клиентов, которых предложение действительно возвращает (её измеряют на контрольной группе; блокнот 11).

# %%
first = retain.index[0]
row = retain.loc[first]
steps = pd.Series({
    tr(en="CLV (model, next 12 months)", ru="CLV (модель, 12 месяцев)"): row["clv"],
    "P(alive)": row["p_alive"],
    tr(en="value if alive = CLV / P(alive)", ru="ценность активного = CLV / P(alive)"): row["value_if_alive"],
    tr(en="value at risk = value if alive − CLV", ru="под угрозой = ценность активного − CLV"): row["value_at_risk"],
    tr(en="CLV × (1 − P(alive)) (counts P(alive) twice)",
       ru="CLV × (1 − P(alive)) (P(alive) учтена дважды)"): row["clv"] * (1 - row["p_alive"]),
}, name=tr(en="customer ", ru="клиент ") + str(first))
ck.format_table(steps.round(2).to_frame(), lang=lang)

# %% [markdown] lang="en"
# Notice the segment column: RFM calls most of these customers champions, because they bought often
# and not very long ago. The model sees what RFM cannot: for someone who used to buy every few weeks,
# a few silent months are a bad sign. In the chart each dot is a customer; the red ones are on the list.

# %% [markdown] lang="ru" en_hash="594dd40c"
# Обратите внимание на столбец сегмента: RFM называет большинство этих клиентов чемпионами — они
# покупали часто и не так давно. Модель видит то, чего не видит RFM: для того, кто покупал раз в
# несколько недель, несколько месяцев тишины — плохой знак. На графике каждая точка — клиент,
# красные точки — клиенты из списка.

# %%
fig, ax = plt.subplots(figsize=(6.4, 4.0))
ax.scatter(customers["p_alive"], customers["clv"], s=8, color="0.75", label=tr(en="all customers",
                                                                               ru="все клиенты"))
ax.scatter(retain["p_alive"], retain["clv"], s=14, color="tab:red", label=tr(en="retention list",
                                                                             ru="список на удержание"))
ax.set_xlabel(tr(en="P(alive): probability the customer is still active",
                 ru="P(alive): вероятность, что клиент активен"))
ax.set_ylabel(tr(en="CLV, next 12 months ($)", ru="CLV на 12 месяцев, ₽"))
ax.set_title(tr(en="Valuable customers who are slipping away", ru="Ценные клиенты, которые уходят"))
legend = ax.legend(frameon=False)

# %% [markdown] exercise="06.3"
# *Exercise 06.3: the question and the answer cell are written from clvkit/_exercises/nb08.py.*

# %% exercise="06.3"
# the answer cell of exercise 06.3 is written from clvkit/_exercises/nb08.py

# %% [markdown] lang="en"
# ## Who to upsell
#
# **Upsell** (a bigger or premium version) and **cross-sell** (a related product) suit customers who
# already buy often but spend little each time: the habit is there, the basket is small. The upsell
# list takes repeat buyers in the top quarter by frequency whose average order is at or below the
# median, and sorts them by **upsell potential**: the gap to the median order times their number of
# purchases, the extra revenue if their basket grew to the median.

# %% [markdown] lang="ru" en_hash="b4afb3bc"
# ## Кому делать апсейл
#
# **Апсейл** (более дорогая или расширенная версия) и **кросс-селл** (сопутствующий товар) подходят
# клиентам, которые уже покупают часто, но понемногу: привычка есть, средний чек маленький. В список
# для апсейла попадают повторные покупатели из верхней четверти по частоте покупок, чей средний чек
# не выше медианного; они отсортированы по **потенциалу апсейла**: разница до медианного чека,
# умноженная на число покупок, — столько добавится выручки, если их чек дорастёт до медианы.

# %%
upsell = ck.segments.upsell_targets(customers)
print(tr(en="Customers on the upsell list:", ru="Клиентов в списке для апсейла:"), len(upsell))
shown = ["frequency", "monetary_value", "segment", "clv", "order_value_gap", "upsell_potential"]
ck.format_table(upsell[shown].head().round(2).round({"clv": 0, "upsell_potential": 0}).astype(
    {"clv": int, "upsell_potential": int}), lang=lang)

# %% [markdown] lang="en"
# ## One target list
#
# A campaign team needs one list: who, which offer, and how much they are worth. A customer on both
# lists gets the retention offer first (keeping a customer comes before growing the basket). In your
# own work, `targets.to_csv("targets.csv")` hands the list to the CRM.

# %% [markdown] lang="ru" en_hash="539258fb"
# ## Единый список для кампаний
#
# Команде, которая запускает кампании, нужен один список: кто, какое предложение и сколько клиент
# стоит. Клиент из обоих списков получает предложение на удержание (сначала сохранить клиента, потом
# растить чек). На практике `targets.to_csv("targets.csv")` передаст список в CRM.

# %%
columns = ["segment", "tier", "clv", "p_alive"]
targets = pd.concat([
    retain[columns].assign(action=tr(en="retention offer", ru="удержание")),
    upsell[columns].assign(action=tr(en="upsell offer", ru="апсейл")),
])
targets = targets[~targets.index.duplicated(keep="first")]
print(ck.format_table(targets["action"].value_counts(), lang=lang).to_string())
ck.format_table(targets.head().round(2).round({"clv": 0}).astype({"clv": int}), lang=lang)

# %% [markdown] lang="en"
# ## Explore segments
#
# The segment explorer cuts the same customers in two ways. **RFM** uses two simple thresholds: a
# customer is *recent* if they bought within the last N weeks and *frequent* from k repeat purchases,
# which gives four segments. **CLV tiers** uses two cut-offs (top x%, next to y%). Move the sliders and
# watch each group's share of customers, share of value and average CLV. Where does a stricter
# "recent" threshold move the value?

# %% [markdown] lang="ru" en_hash="4bf5ccd1"
# ## Исследуйте сегменты
#
# Панель сегментов делит тех же клиентов двумя способами. **RFM** — по двум простым порогам: клиент
# *недавний*, если купил за последние N недель, и *частый*, если у него не меньше k повторных покупок;
# получается четыре сегмента. **Уровни CLV** — по двум границам (верхние x%, следующие до y%).
# Двигайте ползунки и следите за долей клиентов, долей ценности и средним CLV каждой группы. Куда
# уходит ценность, если ужесточить порог «недавности»?

# %% tags=["nbval-ignore-output"]
ck.widgets.SegmentExplorer(summary, customers["clv"], currency=currency, lang=lang)

# %% [markdown] lang="en"
# ## Key takeaways
#
# - RFM scores (recency, frequency, money) and a rule table give segments a team can name and act on.
# - CLV tiers rank customers by predicted value; value is concentrated: the top 20% hold most of it
#   (Lorenz curve, Gini).
# - Who to retain: valuable customers whose P(alive) is falling, sorted by value at risk, CLV / P(alive)
#   × (1 − P(alive)) (the model's CLV already counts the chance they stay) — RFM often still calls them
#   champions.
# - Who to upsell: frequent buyers with small baskets, sorted by the revenue a median basket would add.
# - One target list with an action per customer is what a CRM team can use.

# %% [markdown] lang="ru" en_hash="2df9d4f0"
# ## Главное
#
# - RFM-оценки (давность, частота, деньги) и таблица правил дают сегменты, которые команда может
#   назвать и с которыми может работать.
# - Уровни CLV упорядочивают клиентов по прогнозной ценности; ценность сконцентрирована: верхние 20%
#   приносят большую её часть (кривая Лоренца, коэффициент Джини).
# - Кого удерживать: ценных клиентов с падающей P(alive), по убыванию ценности под угрозой,
#   CLV / P(alive) × (1 − P(alive)) (CLV модели уже учитывает шанс, что клиент останется) — RFM
#   часто всё ещё называет их чемпионами.
# - Кому делать апсейл: частым покупателям с маленьким средним чеком, по убыванию выручки, которую
#   дал бы медианный чек.
# - Единый список с действием для каждого клиента — то, с чем может работать команда CRM.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. RFM calls a customer a champion while his P(alive) is falling. Which view do you act on, and
#    what would you do with him?
# 2. Why is the value a win-back can save CLV / P(alive) × (1 − P(alive)), and not CLV × (1 − P(alive))?
#    And what does the company lose if the customer leaves for good today?
# 3. Value is concentrated: the top fifth hold most of it. How would you split the CRM team's time
#    and budget?
# 4. Whom would you offer an upsell first: a frequent buyer with small baskets, or a rare buyer with
#    large ones? Why?

# %% [markdown] lang="ru" en_hash="cda4eebe"
# ## Вопросы для самопроверки
#
# 1. По RFM клиент — «чемпион», а его P(alive) падает. По какой оценке вы будете действовать и что с
#    ним сделаете?
# 2. Почему кампания по возврату может сохранить CLV / P(alive) × (1 − P(alive)), а не CLV × (1 − P(alive))?
#    И что теряет компания, если клиент сегодня уйдёт навсегда?
# 3. Ценность сконцентрирована: у лучшей пятой части клиентов — большая её часть. Как вы
#    распределите время и бюджет CRM-команды?
# 4. Кому вы первым предложите апсейл: частому покупателю с маленькими чеками или редкому с
#    большими? Почему?
