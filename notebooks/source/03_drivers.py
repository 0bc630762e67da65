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
# CLV is built from a handful of quantities a marketing team can influence: how often customers buy,
# how much they spend per order, the margin on it, and how long they stay. Softer things —
# satisfaction, engagement, loyalty — matter too, but they reach the money only through those
# quantities. This notebook ranks the drivers and shows the paths.
#
# **You will learn**
#
# - which factors determine CLV: purchase frequency, average order value, margin, relationship length
#   (retention), and how satisfaction, engagement and loyalty feed them;
# - how to rank the drivers by elasticity with a tornado chart;
# - why retention has increasing returns;
# - how satisfaction acts through retention and engagement through frequency, seen in customer data;
# - how to try your own numbers in the driver explorer.

# %% [markdown] lang="ru" en_hash="49533eae"
# CLV складывается из нескольких величин, на которые маркетинг может влиять: как часто клиенты
# покупают, сколько тратят за заказ, какая на этом маржа и как долго они остаются. «Мягкие» вещи —
# удовлетворённость, вовлечённость, лояльность — тоже важны, но до денег они доходят только через эти
# величины. В этом блокноте мы ранжируем факторы и проследим пути их влияния.
#
# **Вы научитесь**
#
# - называть факторы, определяющие CLV: частота покупок, средний чек, маржа, длительность отношений
#   (удержание) — и как на них влияют удовлетворённость, вовлечённость и лояльность;
# - ранжировать факторы по эластичности с помощью диаграммы «торнадо»;
# - объяснять, почему отдача от удержания растёт;
# - показывать на данных, что удовлетворённость действует через удержание, а вовлечённость — через частоту;
# - проверять свои цифры в интерактивной панели факторов.

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
# ## The drivers in the formula
#
# With a constant yearly margin and retention, the CLV of notebook 01 becomes
#
# $$\text{CLV} = \underbrace{\text{AOV} \times \text{frequency} \times \text{margin}}_{\text{margin a year, } m}
# \times \frac{r}{1 + d - r}$$
#
# The first three drivers — **average order value (AOV)**, **purchase frequency** (orders a year) and
# **margin** — multiply into the margin a year. The fourth, **retention** $r$, sets how long the
# relationship lasts: on average a customer stays $1 / (1 - r)$ years counting the current one, so 80%
# retention means five years and 90% means ten. The formula counts only the margins still to come, from
# the end of the first year on: $r / (1 - r) = 1 / (1 - r) - 1$ of them on average (four at 80%, nine at
# 90%), since the current year's margin is already in hand; with $d = 0$ it is exactly
# $m \times r / (1 - r)$. The **discount rate** $d$ is not a marketing lever, but it decides how much the
# distant years count.
#
# Our example customer orders 5 times a year at $75, at a 40% margin, with 80% yearly retention and a
# 10% discount rate:

# %% [markdown] lang="ru" en_hash="980773e1"
# ## Факторы в формуле
#
# При постоянных годовой марже и удержании CLV из блокнота 01 превращается в
#
# $$\text{CLV} = \underbrace{\text{средний чек} \times \text{частота} \times \text{маржа}}_{\text{маржа в год, } m}
# \times \frac{r}{1 + d - r}$$
#
# Первые три фактора — **средний чек (AOV)**, **частота покупок** (заказов в год) и **маржа** —
# перемножаются в маржу за год. Четвёртый, **удержание** $r$, задаёт длительность отношений: в среднем
# клиент остаётся $1 / (1 - r)$ лет, считая текущий, то есть при удержании 80% — пять лет, а при 90% —
# десять. Формула считает только будущие маржи, начиная с конца первого года: в среднем их
# $r / (1 - r) = 1 / (1 - r) - 1$ (четыре при 80%, девять при 90%), ведь маржа текущего года уже
# получена; при $d = 0$ формула даёт ровно $m \times r / (1 - r)$. **Ставка дисконтирования** $d$ — не
# маркетинговый рычаг, но от неё зависит, насколько весомы далёкие годы.
#
# Наш пример: клиент заказывает 5 раз в год со средним чеком 7 500 ₽, маржа 40%, удержание 80% в год,
# ставка дисконтирования 10%:

# %%
aov, frequency, margin, retention, discount = 75 * per_dollar, 5, 0.4, 0.8, 0.1
yearly_margin = aov * frequency * margin
clv = ck.formulas.dcf_clv(yearly_margin, retention, discount)
print(tr(en="Margin a year:", ru="Маржа в год:"), format_money(yearly_margin, lang, decimals=0))
print(tr(en="Expected relationship length, years (with the current one):",
         ru="Ожидаемая длительность отношений, лет (с текущим):"), format_number(1 / (1 - retention), lang))
print(tr(en="Future yearly margins the formula counts, r / (1 − r):",
         ru="Будущих годовых маржей в формуле, r / (1 − r):"), format_number(retention / (1 - retention), lang))
print(tr(en="CLV without discounting = margin a year × r / (1 − r):",
         ru="CLV без дисконтирования = маржа в год × r / (1 − r):"),
      format_money(ck.formulas.dcf_clv(yearly_margin, retention, 0.0), lang, decimals=0), "=",
      format_money(yearly_margin * retention / (1 - retention), lang, decimals=0))
print("CLV:", format_money(clv, lang, decimals=0))

# %% [markdown] lang="en"
# ## Ranking the drivers: elasticities and the tornado chart
#
# An **elasticity** answers: if this driver rises by 1%, by how many percent does CLV rise? AOV,
# frequency and margin multiply the CLV, so their elasticity is exactly 1. Retention's is
# $(1 + d) / (1 + d - r)$, several times larger when retention is high (Gupta, Lehmann & Stuart 2004
# found that a 1% gain in retention was worth far more than a 1% gain in margin or a 1% cut in
# acquisition cost). `ck.formulas.clv_elasticities` computes them all, together with the CLV when each
# driver moves 10% down (`clv_low`) and up (`clv_high`):

# %% [markdown] lang="ru" en_hash="5d85859c"
# ## Ранжируем факторы: эластичности и диаграмма «торнадо»
#
# **Эластичность** отвечает на вопрос: если фактор вырастет на 1%, на сколько процентов вырастет CLV?
# Средний чек, частота и маржа умножают CLV, поэтому их эластичность ровно 1. У удержания она равна
# $(1 + d) / (1 + d - r)$ и при высоком удержании в разы больше (Gupta, Lehmann & Stuart 2004 показали,
# что рост удержания на 1% стоит намного больше, чем рост маржи на 1% или снижение стоимости
# привлечения на 1%). `ck.formulas.clv_elasticities` считает их все, а также CLV при снижении фактора
# на 10% (`clv_low`) и при росте на 10% (`clv_high`):

# %%
drivers = ck.formulas.clv_elasticities(aov=aov, purchases_per_period=frequency, margin=margin,
                                       retention=retention, discount_rate=discount)
ck.format_table(drivers[["driver", "value", "elasticity", "clv_low", "clv_high"]].round(
    {"value": 2, "elasticity": 2, "clv_low": 0, "clv_high": 0}).astype({"clv_low": int, "clv_high": int}), lang=lang)

# %% [markdown] lang="en"
# The tornado chart draws the same table: one bar per driver, from the CLV at −10% to the CLV at +10%,
# widest on top. The widest bar is the lever that matters most. Notice that retention's bar is lopsided:
# +10% gains more than −10% loses.

# %% [markdown] lang="ru" en_hash="89722479"
# Диаграмма «торнадо» рисует ту же таблицу: по полосе на фактор, от CLV при −10% до CLV при +10%,
# самая широкая — сверху. Самая широкая полоса — самый сильный рычаг. Обратите внимание, что полоса
# удержания несимметрична: +10% даёт больше, чем −10% отнимает.

# %%
ax = ck.plots.plot_tornado(drivers, lang=lang)

# %% [markdown] exercise="03.1"
# *Exercise 03.1: the question and the answer cell are written from clvkit/_exercises/nb03.py.*

# %% exercise="03.1"
# the answer cell of exercise 03.1 is written from clvkit/_exercises/nb03.py

# %% [markdown] lang="en"
# ## Why retention has increasing returns
#
# Every point of retention is worth more than the one before. Raising retention from 80% to 90% doubles
# the expected relationship length (five to ten years), and the extra years bring margin in every one of
# them. The table adds ten points at a time; the chart shows the whole curve bending upwards.

# %% [markdown] lang="ru" en_hash="ddc7d914"
# ## Почему отдача от удержания растёт
#
# Каждый следующий пункт удержания стоит больше предыдущего. Рост удержания с 80% до 90% удваивает
# ожидаемую длительность отношений (с пяти до десяти лет), и каждый добавленный год приносит маржу.
# Таблица прибавляет по десять пунктов; график показывает, как вся кривая загибается вверх.

# %%
steps = pd.DataFrame({"retention": [0.5, 0.6, 0.7, 0.8, 0.9]})
steps["expected_years"] = 1 / (1 - steps["retention"])
steps["clv"] = [ck.formulas.dcf_clv(yearly_margin, r, discount) for r in steps["retention"]]
steps["gain_from_previous"] = steps["clv"].diff()
ck.format_table(steps.round(2), lang=lang)

# %%
curve = pd.DataFrame({"retention": [r / 100 for r in range(50, 96)]})
curve["clv"] = [ck.formulas.dcf_clv(yearly_margin, r, discount) for r in curve["retention"]]
ax = curve.plot(x="retention", y="clv", legend=False, lw=2.2, color=ck.plots.palette(1)[0], title=tr(en="CLV rises faster and faster with retention",
                                                                                                     ru="CLV растёт всё быстрее с ростом удержания"),
                xlabel=tr(en="Retention a year", ru="Удержание в год"), ylabel=tr(en="CLV ($)", ru="CLV, ₽"))

# %% [markdown] lang="en"
# This is why retention programmes pay off best in businesses that already keep most customers, and
# why a small loss of retention there is expensive.

# %% [markdown] lang="ru" en_hash="22928ff4"
# Поэтому программы удержания сильнее всего окупаются там, где клиентов уже удерживают хорошо,
# и поэтому даже небольшая потеря удержания там обходится дорого.

# %% [markdown] exercise="03.2"
# *Exercise 03.2: the question and the answer cell are written from clvkit/_exercises/nb03.py.*

# %% exercise="03.2"
# the answer cell of exercise 03.2 is written from clvkit/_exercises/nb03.py

# %%
teach.hint("03.2", lang=lang)

# %% [markdown] lang="en"
# ## Satisfaction and engagement act through retention and frequency
#
# Satisfaction and engagement do not appear in the formula, yet they matter: research links satisfied
# customers to longer relationships (Bolton 1998) and engaged customers to more purchases and
# referrals (Kumar et al. 2010). In CLV terms, **satisfaction works mainly through retention** and
# **engagement mainly through frequency**.
#
# To see what that looks like in data, `ck.simulate.simulate_transactions` builds a synthetic shop of
# 3,000 customers over two years in which each customer has a satisfaction score and an engagement
# score from 0 to 10 (think of a survey answer and an app-usage score). By construction, more satisfied
# customers are less likely to drop out after a purchase, and more engaged customers buy at a faster
# pace. The seed makes the shop the same on every run. We summarise each customer's purchases
# (notebook 04 explains the columns) and attach the two scores:

# %% [markdown] lang="ru" en_hash="88ccf3ff"
# ## Удовлетворённость и вовлечённость действуют через удержание и частоту
#
# Удовлетворённости и вовлечённости нет в формуле, но они важны: исследования связывают
# удовлетворённость клиентов с более долгими отношениями (Bolton 1998), а вовлечённость — с большим
# числом покупок и рекомендаций (Kumar et al. 2010). На языке CLV **удовлетворённость действует в
# основном через удержание**, а **вовлечённость — через частоту покупок**.
#
# Чтобы увидеть, как это выглядит в данных, `ck.simulate.simulate_transactions` создаёт
# синтетический магазин: 3 000 клиентов за два года, у каждого оценка удовлетворённости и оценка
# вовлечённости от 0 до 10 (например, ответ в опросе и активность в приложении). Модель устроена так, что
# более удовлетворённые клиенты реже уходят после покупки, а более вовлечённые покупают чаще. Фиксированный
# seed делает магазин одинаковым при каждом запуске. Суммы покупок симулятор задаёт в долларах, здесь они
# пересчитаны в рубли по условному курсу 100 ₽ за доллар. Сводим покупки каждого клиента (столбцы
# объясняет блокнот 04) и добавляем обе оценки:

# %%
shop = ck.simulate.simulate_transactions(3000, r=0.5, alpha=8, a=0.6, b=2.0, satisfaction=0.8,
                                         engagement=0.8, seed=7)
shop = ck.datasets.in_currency(shop, currency)  # the simulator draws amounts in dollars
base = ck.summarize(shop, observation_end=shop.attrs["observation_end"], time_unit="W")
base = base.join(shop.groupby("customer_id")[["satisfaction", "engagement"]].first())
base["still_buying"] = (base["T"] - base["recency"]) < 13
base["purchases_per_week"] = base["frequency"] / base["recency"].where(base["recency"] > 0)
ck.format_table(base[["frequency", "recency", "T", "total_amount", "satisfaction", "engagement"]].head().round(2),
                lang=lang)

# %% [markdown] lang="en"
# Now split the customers into three groups by each score (0–3.3 low, 3.3–6.7 medium, 6.7–10 high)
# and compare: the mean number of repeat purchases, the **pace** (median repeat purchases per week
# between the first and the last purchase, for those who came back), the **share still buying** (a
# purchase in the last 13 weeks) and the mean spend.

# %% [markdown] lang="ru" en_hash="79178a0f"
# Теперь разделим клиентов на три группы по каждой оценке (0–3,3 низкая, 3,3–6,7 средняя, 6,7–10
# высокая) и сравним: среднее число повторных покупок, **темп** (медиана повторных покупок в неделю
# между первой и последней покупкой, для вернувшихся), **долю всё ещё покупающих** (покупка за последние
# 13 недель) и средние траты.

# %%
def by_score(column):
    groups = pd.cut(base[column], [0, 10 / 3, 20 / 3, 10], labels=tr(en=['low', 'medium', 'high'],
                                                                     ru=['низкая', 'средняя', 'высокая']), include_lowest=True)
    return base.groupby(groups, observed=True).agg(
        customers=("frequency", "size"), repeat_purchases=("frequency", "mean"),
        purchases_per_week=("purchases_per_week", "median"),
        still_buying=("still_buying", "mean"), spend=("total_amount", "mean"),
    ).round({"repeat_purchases": 2, "purchases_per_week": 3, "still_buying": 3, "spend": 0}).astype(
    {"spend": int})

satisfaction, engagement = by_score("satisfaction"), by_score("engagement")
ck.format_table(satisfaction, lang=lang)

# %%
ck.format_table(engagement, lang=lang)

# %% [markdown] lang="en"
# Read the two tables side by side, or in the chart below:
#
# - **Satisfaction** leaves the pace unchanged — satisfied customers do not buy faster — but a much
#   larger share of the satisfied are still buying at the end, and they come back more times in total.
#   That is the signature of **retention**: the relationship lasts longer.
# - **Engagement** changes the pace itself: highly engaged customers buy several times as often as the
#   least engaged. That is **frequency**. (Because they buy more often, they also show up more often
#   among the customers "still buying".)
#
# Both groups end up spending more, but a programme to raise satisfaction (service, quality, fixing
# complaints) should be judged by retention, and one to raise engagement (content, app, community) by
# purchase frequency.

# %% [markdown] lang="ru" en_hash="e61c400c"
# Прочтите две таблицы рядом или посмотрите на график ниже:
#
# - **Удовлетворённость** не меняет темп — удовлетворённые клиенты не покупают чаще, — но к концу
#   периода покупать продолжает заметно бо́льшая их доля, и в сумме они возвращаются больше раз. Это
#   почерк **удержания**: отношения длятся дольше.
# - **Вовлечённость** меняет сам темп: самые вовлечённые покупают в разы чаще наименее вовлечённых. Это
#   **частота покупок**. (Поскольку они покупают чаще, они и среди «всё ещё покупающих» встречаются чаще.)
#
# Обе группы в итоге тратят больше, но программу роста удовлетворённости (сервис, качество, работа
# с жалобами) стоит оценивать по удержанию, а программу роста вовлечённости (контент, приложение,
# сообщество) — по частоте покупок.

# %%
import matplotlib.pyplot as plt

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.6))
for ax, metric, title in ((left, "purchases_per_week", tr(en="Pace: repeat purchases a week",
                                                          ru="Темп: повторных покупок в неделю")), (right, "still_buying", tr(en="Share still buying (last 13 weeks)",
                                                                                                                              ru="Доля всё ещё покупающих (13 недель)"))):
    table = pd.concat([satisfaction[metric], engagement[metric]], axis=1, keys=tr(en=['satisfaction', 'engagement'],
                                                                                  ru=['удовлетворённость', 'вовлечённость']))
    table.plot.bar(ax=ax, rot=0, title=title, xlabel=tr(en="Score group",
                                                        ru="Группа по оценке"), color=ck.plots.palette(2))

# %% [markdown] exercise="03.3"
# *Exercise 03.3: the question and the answer cell are written from clvkit/_exercises/nb03.py.*

# %% exercise="03.3"
# the answer cell of exercise 03.3 is written from clvkit/_exercises/nb03.py

# %% [markdown] lang="en"
# ## Loyalty
#
# **Loyalty** has two sides. *Behavioural* loyalty is what customers do: they keep buying from you
# (retention) and buy a larger share of what they need from you (frequency, sometimes order value).
# *Attitudinal* loyalty is what they feel: they prefer you and recommend you — the referrals are value
# the CLV formula leaves out. A loyal customer usually moves two drivers at once, and because the
# drivers multiply, the effects compound: here is the example customer with 5 more points of retention,
# 10% more purchases, and both.

# %% [markdown] lang="ru" en_hash="10707f8a"
# У **лояльности** две стороны. *Поведенческая* лояльность — это то, что клиенты делают: продолжают
# покупать у вас (удержание) и покупают у вас бо́льшую часть того, что им нужно (частота, иногда
# средний чек). *Эмоциональная* лояльность — то, что они чувствуют: предпочитают вас и рекомендуют
# — рекомендации приносят ценность, которую формула CLV не учитывает. Лояльный клиент обычно двигает
# сразу два фактора, а поскольку факторы перемножаются, эффекты складываются с усилением: вот наш
# пример с удержанием на 5 пунктов выше, с частотой на 10% выше и с тем и другим.

# %%
loyal = pd.Series([
    ck.formulas.dcf_clv(yearly_margin, retention + 0.05, discount),
    ck.formulas.dcf_clv(yearly_margin * 1.1, retention, discount),
    ck.formulas.dcf_clv(yearly_margin * 1.1, retention + 0.05, discount),
], index=tr(en=['retention +5 pts', 'frequency +10%', 'both'],
            ru=['удержание +5 п.п.', 'частота +10%', 'и то и другое']))
for name, value in loyal.items():
    print(f"{name:<20}", format_money(value, lang, decimals=0), "  +" + format_percent(value / clv - 1, lang))

# %% [markdown] lang="en"
# Both together add more than the two uplifts summed. A caution from Reinartz & Kumar (2002): long-lived
# customers are not automatically profitable — some buy little, demand discounts or cost a lot to
# serve. Reward loyalty that shows up in the drivers (margin, frequency, retention), not tenure alone.
#
# ## Play with the driver explorer
#
# The explorer puts every driver on a slider (periods are years here). Try: raise AOV by 10%, then
# instead raise retention by 10 points, and compare the CLV; watch how the tornado reorders itself when
# retention is low; lower the horizon and see the long-lived value disappear.

# %% [markdown] lang="ru" en_hash="72c8288a"
# Вместе они дают больше, чем сумма двух приростов по отдельности. Предостережение от Reinartz & Kumar
# (2002): клиенты, которые с вами давно, не обязательно прибыльны — одни покупают мало, другие требуют
# скидок или дорого обходятся в обслуживании. Поощряйте лояльность, которая видна в факторах (маржа,
# частота, удержание), а не просто стаж.
#
# ## Поиграйте с панелью факторов
#
# В панели каждый фактор — на своём ползунке (период здесь — год). Попробуйте поднять средний чек на
# 10%, а потом вместо этого поднять удержание на 10 пунктов и сравните CLV; посмотрите, как
# перестраивается «торнадо», когда удержание низкое; сократите горизонт и посмотрите, как исчезает
# ценность далёких лет.

# %% tags=["nbval-ignore-output"]
ck.widgets.DriverExplorer(aov=75 * per_dollar, purchases_per_period=5, margin=0.4, retention=0.8,
                          annual_discount_rate=0.1, horizon=30, cac=100 * per_dollar, time_unit="Y", currency=currency,
                          lang=lang)

# %% [markdown] lang="en"
# ## Key takeaways
#
# - CLV is driven by purchase frequency, average order value, margin and retention (relationship
#   length); the first three multiply, retention sets how long the margin keeps coming.
# - The tornado chart ranks the drivers by how much a ±10% change moves CLV; retention usually wins.
# - Retention has increasing returns: each extra point is worth more than the last.
# - Satisfaction acts mainly through retention, engagement mainly through frequency; judge programmes
#   by the driver they are meant to move.
# - Loyalty moves several drivers at once, so its effects compound — but reward value, not tenure.

# %% [markdown] lang="ru" en_hash="8c36d9c6"
# ## Главное
#
# - CLV определяют частота покупок, средний чек, маржа и удержание (длительность отношений); первые
#   три перемножаются, удержание задаёт, как долго маржа продолжает поступать.
# - Диаграмма «торнадо» ранжирует факторы по тому, насколько изменение на ±10% сдвигает CLV;
#   обычно выигрывает удержание.
# - Отдача от удержания растёт: каждый следующий пункт стоит больше предыдущего.
# - Удовлетворённость действует в основном через удержание, вовлечённость — через частоту; оценивайте
#   программы по тому фактору, который они должны сдвинуть.
# - Лояльность двигает сразу несколько факторов, поэтому её эффекты усиливают друг друга — но поощряйте
#   ценность, а не стаж.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. Your team can raise the order value by 10% or retention by 10% for the same cost. Which would
#    you expect to add more, and what about your business could reverse the answer?
# 2. Why does each extra point of retention add more to CLV than the point before? What does that
#    mean for a programme aimed at customers who are already very loyal?
# 3. A satisfaction programme raised the satisfaction score, but CLV did not move. Through which
#    driver should it have worked, and what would you measure to find out where it stopped?
# 4. Why should a loyalty programme reward value rather than tenure? What would a tenure reward cost
#    you?

# %% [markdown] lang="ru" en_hash="5b0f74db"
# ## Вопросы для самопроверки
#
# 1. Команда может на те же деньги поднять средний чек на 10 % или удержание на 10 %. Что,
#    по-вашему, даст больше и что в вашем бизнесе может изменить ответ?
# 2. Почему каждый следующий пункт удержания прибавляет к CLV больше предыдущего? Что это значит для
#    программы, нацеленной на и без того очень лояльных клиентов?
# 3. Программа повышения удовлетворённости подняла оценку удовлетворённости, а CLV не изменился.
#    Через какой фактор она должна была подействовать и что вы измерите, чтобы найти, где цепочка
#    оборвалась?
# 4. Почему программа лояльности должна вознаграждать ценность клиента, а не стаж? Во что обошлась
#    бы награда за стаж?
