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
# Russian marketing teams work out what a customer brings and may cost with **unit economics**
# (юнит-экономика), a funnel from the users a campaign brings in to the margin they leave: CLV's
# questions in other words. Our example: a month of advertising of a **synthetic** online store
# (invented for the course).
#
# **You will learn**
#
# - the funnel from UA to ROMI and the most a user may cost;
# - which channel to grow when the next rouble has to pay;
# - what unit economics leaves out (retention and discounting) and when that changes a decision.

# %% [markdown] lang="ru" en_hash="d22e9119"
# Российские маркетологи считают, сколько приносит клиент и сколько можно заплатить за его
# привлечение, с помощью **юнит-экономики** — воронки от пользователей, которых привела реклама, до
# маржи, которую они оставляют: те же вопросы, что задаёт CLV, другими словами. Пример — месяц рекламы
# **синтетического** интернет-магазина (придуман для курса).
#
# **Вы научитесь**
#
# - считать воронку от UA до ROMI и предельную стоимость пользователя;
# - решать, какой канал наращивать, когда следующий рубль должен окупиться;
# - видеть, чего юнит-экономика не учитывает (удержание и дисконтирование) и когда это меняет решение.

# %%
import pandas as pd
import clvkit as ck
from clvkit import teach
from clvkit import unit_economics as ue
from clvkit.i18n import format_money, format_number, format_percent

ck.set_language(tr(en="en", ru="ru"))
ck.set_currency("RUB")  # this notebook counts in roubles in both tracks
lang = ck.get_language()
pd.set_option("display.max_colwidth", None)

# %% [markdown] lang="en"
# ## One cohort down the funnel
#
# Unit economics follows one **cohort**, the users one month of advertising brought in:
#
# ```
# UA users ──× C1──▶ buyers ──× APC──▶ purchases ──× (AvP − COGS)──▶ margin ── − UA × CPA ──▶ CM
# ```
#
# ARPPU and ARPU are **margins**, after the cost of goods, not revenue.

# %% [markdown] lang="ru" en_hash="709950cd"
# ## Одна когорта по воронке
#
# Юнит-экономика ведёт одну **когорту** — пользователей, которых привёл месяц рекламы:
#
# ```
# UA пользователей ──× C1──▶ покупатели ──× APC──▶ покупки ──× (AvP − COGS)──▶ маржа ── − UA × CPA ──▶ CM
# ```
#
# ARPPU и ARPU — это **маржа** после вычета себестоимости, а не выручка.

# %%
# users brought in, conversion to a first purchase, average order, its cost of goods (goods, delivery,
# marketplace fee), orders per buyer over 12 months (the first included), cost of a user
COHORT = dict(ua=10_000, c1=0.04, avp=2500, cogs=1500, apc=1.8, cpa=80)
cohort = ue.unit_economics(**COHORT)
print(tr(en="Highest CPA at break-even (ROMI 0%):", ru="Предельный CPA при ROMI 0%:"),
      format_money(ue.max_cpa(c1=cohort.c1, arppu=cohort.arppu), lang, decimals=0))
print(tr(en="Highest CPA at ARPPU:CAC 3:1 (ROMI 200%):", ru="Предельный CPA при ARPPU:CAC 3:1 (ROMI 200 %):"),
      format_money(ue.max_cpa(c1=cohort.c1, arppu=cohort.arppu, target_romi=2.0), lang, decimals=0))
cohort.describe(lang, decimals=0)

# %% [markdown] lang="en"
# A buyer leaves ARPPU = (2,500 − 1,500) × 1.8 = 1,800 ₽, a user ARPU = 4% × 1,800 = 72 ₽. At 80 ₽
# a user, the month loses 10,000 × (72 − 80) = −80,000 ₽.
#
# **The most a user may cost** is ARPU at break-even, and ARPU / (1 + ROMI) for a target ROMI
# (`ue.max_cpa`). Since ROMI = ARPPU / CAC − 1, "ARPPU > CAC" is an **ARPPU:CAC over 12 months**
# (undiscounted) above one: only break-even; 3:1 on it is a ROMI of 200%. Read backwards, the ceiling
# sets **conversion targets**: for 80 ₽ a user to pay, C1 must reach 80 / 1,800 = 4.4%, or ARPPU
# 2,000 ₽ at today's C1.
#
# ## Channels side by side
#
# Three channels of that month: search, social networks and ads inside a marketplace; the chart
# sets each one's ARPPU against its CAC.

# %% [markdown] lang="ru" en_hash="67197657"
# Покупатель оставляет ARPPU = (2 500 − 1 500) × 1,8 = 1 800 ₽, пользователь — ARPU = 4 % × 1 800 = 72 ₽.
# Пользователь стоит 80 ₽, и месяц уходит в минус: 10 000 × (72 − 80) = −80 000 ₽.
#
# **Предельная стоимость пользователя** — ARPU в точке безубыточности и ARPU / (1 + ROMI) при целевом
# ROMI (`ue.max_cpa`). Поскольку ROMI = ARPPU / CAC − 1, «ARPPU > CAC» означает, что **ARPPU:CAC за
# 12 месяцев** (без дисконтирования) больше единицы, а это всего лишь безубыточность; 3:1 по нему — это
# ROMI 200 %. И наоборот: из потолка следуют **цели по конверсии**. Чтобы 80 ₽ за пользователя
# окупались, C1 должна дорасти до 80 / 1 800 = 4,4 % или ARPPU — до 2 000 ₽ при нынешней C1.
#
# ## Каналы в сравнении
#
# Три канала того же месяца: поиск, соцсети и реклама внутри маркетплейса; на графике ARPPU каждого
# канала стоит рядом с его CAC.

# %%
channels = pd.DataFrame(
    {"ua": [5_000, 15_000, 20_000], "c1": [0.05, 0.02, 0.06], "avp": [2500, 2200, 2000],
     "cogs": [1500, 1400, 1500], "apc": [1.8, 1.5, 1.4], "cpa": [70, 30, 35]},
    index=pd.Index(tr(en=["search", "social", "marketplace"], ru=["поиск", "соцсети", "маркетплейс"]),
                   name=tr(en="channel", ru="канал")),
)
by_channel = ue.unit_economics(**channels)
ax = ck.plots.plot_ltv_cac(by_channel.to_frame(), ltv="arppu", cac="cac", target_ratio=1, lang=lang,
                          value_name="ARPPU")  # 12 months, undiscounted: not an LTV
by_channel.describe(lang, decimals=0).iloc[:, 1:-1].set_axis(channels.index, axis=1)

# %% [markdown] exercise="12.1"
# *Exercise 12.1: the question and the answer cell are written from clvkit/_exercises/nb12.py.*

# %% exercise="12.1"
# the answer cell of exercise 12.1 is written from clvkit/_exercises/nb12.py

# %% [markdown] lang="en"
# ## What unit economics leaves out
#
# Unit economics counts a rouble next year as a rouble today. An APC measured on a cohort (purchases /
# buyers) already counts the buyers who left: it takes `retention=1`, as a model's APC does
# (`ue.apc_from_model`). Suppose instead 1.8 orders is what a buyer makes **if he stays all year**
# (the first now); keep only the buyers still there (85% stay each month) and discount at 20% a year:

# %% [markdown] lang="ru" en_hash="07864698"
# ## Чего не видит юнит-экономика
#
# Юнит-экономика считает рубль через год равным рублю сегодня. APC, измеренный на когорте (покупки /
# покупатели), уже учитывает ушедших покупателей: для него `retention=1`, как и для APC из модели
# (`ue.apc_from_model`). Пусть теперь 1,8 заказа — это то, что покупатель делает, **если остаётся весь
# год** (первый — сразу); оставим только тех, кто ещё с нами (каждый месяц остаются 85 %), и
# продисконтируем по ставке 20 % в год:

# %%
d = ck.units.rate_per_unit(0.20, "M")  # 20% a year as a monthly rate
views = ue.compare_with_clv(avp=2500, cogs=1500, apc=1.8, periods=12, retention=0.85, discount_rate=d,
                            cac=cohort.cac, lang=lang).set_index("name")
of_arppu, per_cac = tr(en="of ARPPU", ru="от ARPPU"), tr(en="value / CAC", ru="ценность / CAC")
for name, row in views.iterrows():
    print(f"{name}: {format_money(row['value'], lang, decimals=0)} "
          f"({format_percent(row['share_of_arppu'], lang, decimals=0)} {of_arppu}), "
          f"{per_cac} {format_number(row['ltv_cac'], lang, decimals=2)}")

# %% [markdown] lang="en"
# The buyer unit economics values at 1,800 ₽ is worth 1,302 ₽ once churn and time are counted: from an
# ARPPU:CAC of 0.90 to a value:CAC over 12 months of 0.65.

# %% [markdown] lang="ru" en_hash="be6ce370"
# Покупатель, которого юнит-экономика оценивает в 1 800 ₽, с учётом оттока и времени стоит 1 302 ₽:
# вместо ARPPU:CAC 0,90 — ценность:CAC за 12 месяцев 0,65.

# %% [markdown] exercise="12.2"
# *Exercise 12.2: the question and the answer cell are written from clvkit/_exercises/nb12.py.*

# %% exercise="12.2"
# the answer cell of exercise 12.2 is written from clvkit/_exercises/nb12.py

# %% [markdown] lang="en"
# ## Try it yourself
#
# The first purchase, made now, is untouched. Raise APC, then C1: on the left chart, churn and
# discounting shrink what APC adds, not what C1 saves on CAC.

# %% [markdown] lang="ru" en_hash="c0239d08"
# ## Попробуйте сами
#
# Первую покупку, сделанную сразу, отток и время не трогают. Поднимите APC, потом C1: на левом графике
# отток и дисконтирование урезают то, что добавляет APC, но не то, что C1 экономит на CAC.

# %% tags=["nbval-ignore-output"]
ck.widgets.UnitEconomicsExplorer(**COHORT, retention=0.85, annual_discount_rate=0.2, target_romi=2.0,
                                 lang=lang).widget

# %% [markdown] lang="en"
# ## Key takeaways
#
# - ARPPU = (AvP − COGS) × APC, ARPU = C1 × ARPPU, ROMI = ARPPU / CAC − 1. A user may cost ARPU at
#   break-even and ARPU / (1 + ROMI) at a target ROMI.
# - Grow the channel where the next rouble returns most, not the largest one; cut the one whose users
#   bring less than they cost.
# - "ARPPU > CAC" (ARPPU:CAC over 12 months above one) is break-even, not a healthy margin.
# - Retention and discounting shrink repeat purchases, not first ones, so unit economics overrates
#   APC levers against C1 levers.

# %% [markdown] lang="ru" en_hash="e63cc327"
# ## Главное
#
# - ARPPU = (AvP − COGS) × APC, ARPU = C1 × ARPPU, ROMI = ARPPU / CAC − 1. Пользователь может стоить
#   ARPU в точке безубыточности и ARPU / (1 + ROMI) при целевом ROMI.
# - Наращивайте канал, где больше всего приносит следующий рубль, а не самый большой; сокращайте тот,
#   чьи пользователи приносят меньше, чем стоят.
# - «ARPPU > CAC» (ARPPU:CAC за 12 месяцев больше единицы) — это безубыточность, а не здоровая маржа.
# - Удержание и дисконтирование уменьшают повторные покупки, а не первые, поэтому юнит-экономика
#   переоценивает рычаги APC по сравнению с рычагами C1.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. A cohort has C1 = 3%, AvP = 3,000 ₽, COGS = 2,000 ₽ and APC = 2. What is its ARPU, and the most a
#    user may cost at break-even?
# 2. Why is "ARPPU > CAC" not enough? What ROMI does the 3:1 target mean?
# 3. One channel has the best ROMI, another the largest contribution margin. What would you check
#    before growing the first?
# 4. Where does your team take APC from today? What would a predictive model add?
# 5. When APC is measured on a cohort or comes from a BG/NBD model, why should `compare_with_clv` get
#    `retention=1`?

# %% [markdown] lang="ru" en_hash="ea203428"
# ## Вопросы для самопроверки
#
# 1. У когорты C1 = 3%, AvP = 3 000 ₽, COGS = 2 000 ₽ и APC = 2. Чему равен её ARPU и сколько
#    максимум можно платить за пользователя, чтобы выйти в ноль?
# 2. Почему условия «ARPPU > CAC» недостаточно? Какому ROMI соответствует цель 3:1?
# 3. У одного канала лучший ROMI, у другого — самая большая маржинальная прибыль. Что вы проверите,
#    прежде чем наращивать первый?
# 4. Откуда ваша команда сегодня берёт APC? Что к этому добавит прогнозная модель?
# 5. Почему, если APC измерен на когорте или взят из модели BG/NBD, в `compare_with_clv` нужно передать
#    `retention=1`?
