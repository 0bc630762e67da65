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
# An online school sells courses by monthly subscription: the «Базовый» plan (Basic, 2,990 ₽ a month)
# and the «Про» plan (Pro, 5,990 ₽ a month, with a curator who reviews homework). Students come from
# four channels a Russian marketing team knows well: search ads (контекст), targeted social ads
# (таргет), bloggers (блогеры) and partner programmes (партнёрские программы). The school's data are
# **SYNTHETIC**: drawn by `ck.simulate` from known parameters (recipe `datasets/make_online_school.py`),
# shaped like such a business but not taken from any. The money is in roubles.
#
# The school asks the questions of the previous notebooks in its own terms: what a student is worth,
# which channel to cut and which to grow, and whether a curator for new students or an upsell to Pro
# pays more.
#
# **You will learn**
#
# - to read a subscription business in unit-economics terms: a paid month is a purchase, APC is the
#   months a student pays;
# - to value a new student per channel and every current student one by one with the sBG model;
# - to compare LTV:CAC by channel with the 12-month unit-economics view and decide which channel to
#   cut or grow;
# - to find the segment that carries the value and to judge a retention and an upsell action over a
#   horizon that fits them.

# %% [markdown] lang="ru" en_hash="bf5d400b"
# Онлайн-школа продаёт курсы по ежемесячной подписке: тариф «Базовый» — 2 990 ₽ в месяц и тариф
# «Про» — 5 990 ₽ в месяц, с куратором, который проверяет домашние задания. Ученики приходят из
# четырёх каналов, хорошо знакомых российскому маркетологу: контекст, таргет, блогеры и партнёрские
# программы. Данные школы **СИНТЕТИЧЕСКИЕ**: их сгенерировал `ck.simulate` по известным параметрам
# (рецепт — `datasets/make_online_school.py`); они устроены как у такого бизнеса, но не взяты ни у
# какой реальной школы. Деньги — в рублях.
#
# Школа задаёт те же вопросы, что и прошлые блокноты, но на своём языке: сколько стоит ученик, какой
# канал сократить, а какой нарастить, и что окупится лучше — куратор для новых учеников или апсейл на тариф «Про».
#
# **Вы научитесь**
#
# - описывать подписочный бизнес языком юнит-экономики: оплаченный месяц — это покупка, а APC — число
#   месяцев, которые оплачивает ученик;
# - оценивать нового ученика по каналам и каждого текущего ученика по отдельности с помощью модели sBG;
# - сравнивать LTV:CAC по каналам с юнит-экономикой за 12 месяцев и решать, какой канал сократить, а
#   какой нарастить;
# - находить сегмент, в котором сосредоточена ценность, и оценивать действие по удержанию и апсейл на
#   подходящем горизонте расчёта.

# %%
import numpy as np
import pandas as pd
import clvkit as ck
from clvkit import teach, unit_economics as ue
from clvkit.i18n import format_money, format_number, format_percent
from clvkit.models import ShiftedBetaGeometric

ck.set_language(tr(en="en", ru="ru"))
ck.set_currency("RUB")
lang = ck.get_language()
rub, pct = lambda x: format_money(x, lang, decimals=0), lambda x: format_percent(x, lang)
num, whole = lambda x: format_number(x, lang, decimals=2), lambda x: format_number(x, lang, decimals=0)
show = lambda frame, formats, columns: pd.DataFrame(
    {c: frame[c].map(f) for c, f in formats.items()}).rename(index=NAMES).set_axis(columns, axis=1).rename_axis(
    index=[None] * frame.index.nlevels)

# %% [markdown] lang="en"
# ## The school in unit-economics terms
#
# A subscription is a funnel like the store's of the notebook "Unit economics and CLV", with a paid
# month in the place of a purchase:
#
# | metric | for the school | where it comes from |
# |---|---|---|
# | UA | users a channel brings to the site in a month | ad accounts, web analytics |
# | C1 | the share of them who pay for a first month | payments matched to users |
# | AvP | the monthly price: 2,990 ₽ or 5,990 ₽ | the plans |
# | COGS | serving one paying student a month: platform, payment fees, curators (1,190 ₽ and 2,390 ₽) | finance |
# | APC | months a student pays | the payment log, or the sBG model (below) |
# | CPA | the cost of a user; CAC = CPA / C1 is the cost of a paying student | ad spend / UA |
#
# The payment log has one row per paid month; the channels file gives one month's funnel per
# channel. A discount rate of 25% a year reflects what money costs a Russian business in 2024–2025.

# %% [markdown] lang="ru" en_hash="d4cd690c"
# ## Школа в терминах юнит-экономики
#
# Подписка — та же воронка, что у магазина из блокнота «Юнит-экономика и CLV», только вместо покупки —
# оплаченный месяц:
#
# | метрика | для школы | откуда взять |
# |---|---|---|
# | UA | пользователи, которых канал приводит на сайт за месяц | рекламные кабинеты, веб-аналитика |
# | C1 | доля тех из них, кто оплатил первый месяц | оплаты, сопоставленные с пользователями |
# | AvP | цена месяца: 2 990 ₽ или 5 990 ₽ | тарифы |
# | COGS | обслуживание одного платящего ученика в месяц: платформа, эквайринг, кураторы (1 190 ₽ и 2 390 ₽) | финансовый отдел |
# | APC | число месяцев, которые оплачивает ученик | журнал оплат или модель sBG (ниже) |
# | CPA | стоимость пользователя; CAC = CPA / C1 — стоимость платящего ученика | рекламный бюджет / UA |
#
# В журнале оплат одна строка — один оплаченный месяц; файл каналов содержит воронку каждого канала за
# месяц. Ставка дисконтирования 25 % в год отражает, во что обходятся деньги российскому бизнесу в
# 2024–2025 годах.

# %%
payments, channels = ck.datasets.load_online_school(with_channels=True)
pd.set_option("display.width", 130)
NAMES = dict(zip(["search_ads", "social_ads", "bloggers", "partners", "basic", "pro"],
                 tr(en=["search ads", "social ads", "bloggers", "partners", "Basic", "Pro"],
                    ru=["контекст", "таргет", "блогеры", "партнёры", "Базовый", "Про"])))
yes_no = tr(en=["no", "yes"], ru=["нет", "да"])
print(tr(en="Synthetic data:", ru="Синтетические данные:"), yes_no[payments.attrs["synthetic"]], "|",
      tr(en="paid months:", ru="оплаченных месяцев:"), format_number(len(payments), lang, decimals=0), "|",
      tr(en="students:", ru="учеников:"), format_number(payments["customer_id"].nunique(), lang, decimals=0), "|",
      tr(en="observed to", ru="наблюдение до"), ck.i18n.format_date(payments.attrs["observation_end"], lang))
students = payments.groupby("customer_id").agg(channel=("channel", "first"), plan=("plan", "first"),
                                               paid=("date", "size"), last=("date", "max"))
plans = pd.DataFrame(payments.attrs["true_params"]["plans"]).T.assign(margin=lambda p: p["price"] - p["cogs"])
show(channels, {"ua": whole, "c1": pct, "cpa": rub, "cac": rub},
     tr(en=["UA a month", "C1", "CPA", "CAC"], ru=["UA в месяц", "C1", "CPA", "CAC"]))

# %% [markdown] lang="en"
# ## How long students stay
#
# A student who stops paying is gone: this is the **contractual** setting, and the shifted
# beta-geometric model (sBG) of the notebook "Case studies" fits it. Every monthly cohort of 2024 is
# observed for at least 13 months, so we count, per channel, the students still paying at the start of
# months 0 to 12 and fit sBG to them. From each model we read the mean monthly churn, the share still
# paying after a year, **APC over 12 months** (the expected months paid, as unit economics counts
# them) and the **discounted months over 36 months** (the same, each month discounted to the day the
# student joined), which turns a margin a month into a CLV.

# %% [markdown] lang="ru" en_hash="6b689c36"
# ## Как долго остаются ученики
#
# Ученик, который перестал платить, ушёл: это **контрактная** ситуация, и для неё подходит модель
# смещённого бета-геометрического распределения (sBG) из блокнота «Примеры из практики». Каждая
# месячная когорта 2024 года наблюдается не меньше 13 месяцев, поэтому по каждому каналу считаем
# учеников, которые ещё платят в начале месяцев 0–12, и обучаем на них sBG. Из каждой модели берём
# средний месячный отток, долю тех, кто платит через год, **APC за 12 месяцев** (ожидаемое число
# оплаченных месяцев — так его считает юнит-экономика) и **дисконтированные месяцы за 36 месяцев** (то
# же, но каждый месяц приведён ко дню прихода ученика): с ними месячная маржа превращается в CLV.

# %%
d = ck.units.rate_per_unit(0.25, "M")
sbg, rows, t12, t36 = {}, {}, np.arange(12), np.arange(36)
for channel in channels.index:
    paid = students.loc[students["channel"] == channel, "paid"].to_numpy()
    sbg[channel] = ShiftedBetaGeometric().fit([(paid > k).sum() for k in range(13)], time_unit="M")
    alpha, beta = sbg[channel].params_
    rows[channel] = {"churn": alpha / (alpha + beta), "year": sbg[channel].survival(12),
                     "apc": sbg[channel].survival(t12).sum(), "months": (sbg[channel].survival(t36) / (1 + d) ** t36).sum()}
fit = pd.DataFrame(rows).T
show(fit, {"churn": pct, "year": pct, "apc": num, "months": num},
     tr(en=["monthly churn", "paying after a year", "APC, 12 months", "discounted months, 36"],
        ru=["отток в месяц", "платят через год", "APC за 12 мес.", "дисконт. месяцы за 36"]))

# %% [markdown] lang="en"
# ## LTV:CAC by channel, two ways
#
# Each channel has its own mix of plans, so its margin a month is the Basic and Pro margins weighted
# by its share of Pro students. Unit economics multiplies that margin by APC over 12 months: **ARPPU**,
# what a paying student leaves in his first year. The CLV view multiplies it by the discounted months
# over 36 months: **LTV**, the value of a new student over three years in today's roubles. Both are set
# against **CAC**; `ck.acquisition.channel_economics` adds LTV:CAC and the highest CAC at the 3:1 target.

# %% [markdown] lang="ru" en_hash="62a3da1d"
# ## LTV:CAC по каналам двумя способами
#
# У каждого канала своя смесь тарифов, поэтому его маржа в месяц — это маржа «Базового» и «Про»,
# взвешенная по доле учеников «Про». Юнит-экономика умножает эту маржу на APC за 12 месяцев и получает
# **ARPPU** — сколько платящий ученик оставляет за первый год. Расчёт CLV умножает её на
# дисконтированные месяцы за 36 месяцев и получает **LTV** — ценность нового ученика за три года в
# сегодняшних рублях. Оба показателя сравниваем с **CAC**; `ck.acquisition.channel_economics`
# добавляет LTV:CAC и предельный CAC при целевом соотношении 3:1.

# %%
pro = (students["plan"] == "pro").groupby(students["channel"]).mean().reindex(channels.index)
avp = pro * plans.loc["pro", "price"] + (1 - pro) * plans.loc["basic", "price"]
cogs = pro * plans.loc["pro", "cogs"] + (1 - pro) * plans.loc["basic", "cogs"]
unit = ue.unit_economics(ua=channels["ua"], c1=channels["c1"], avp=avp, cogs=cogs, apc=fit["apc"],
                         cpa=channels["cpa"])
econ = ck.acquisition.channel_economics(channels.assign(arppu=unit.arppu, arppu_cac=unit.ltv_cac,
                                                        ltv=(avp - cogs) * fit["months"]))
show(econ, {"cac": rub, "arppu": rub, "arppu_cac": num, "ltv": rub, "ltv_cac": num, "max_cac": rub},
     tr(en=["CAC", "ARPPU, 12 months", "ARPPU / CAC", "LTV, 36 months", "LTV:CAC", "highest CAC at 3:1"],
        ru=["CAC", "ARPPU за 12 мес.", "ARPPU / CAC", "LTV за 36 мес.", "LTV:CAC", "предельный CAC при 3:1"]))

# %%
ax = ck.plots.plot_ltv_cac(econ.rename(index=NAMES), target_ratio=3, lang=lang)

# %% [markdown] lang="en"
# Both views rank the channels the same way. **Bloggers** lose money in either: a student costs
# 10,000 ₽ and is worth 7,267 ₽ over three years (LTV:CAC 0.73), so each of the 100 students they bring
# a month destroys about 2,700 ₽. **Partners** are the best channel by far: a student costs 3,500 ₽ and
# is worth 20,022 ₽ (5.72), because partners' students convert best and stay longest. Search and social
# ads pay back (2.58 and 2.09) but stay below the 3:1 target: the last column shows how far their CAC
# would have to fall.
#
# The 12-month unit economics understates every channel, and the loyal one most: ARPPU / CAC is 4.19
# for partners against an LTV:CAC of 5.72, because the months a student pays after his first year are
# exactly what a channel of loyal students adds.
#
# **Decision 1: which channel to cut, which to grow.** Cut bloggers at today's price: even over three
# years their students do not repay their cost. Grow partners: each rouble there brings the most, and
# the channel is limited by the partners' audience (2,000 users a month), not by its economics, so the
# lever is a higher commission for more users (exercise 13.2). Keep search and social ads without
# scaling them, and push their CAC towards the 3:1 ceiling: lower bids (CPA) or a higher C1.

# %% [markdown] lang="ru" en_hash="e1692f56"
# Оба расчёта ранжируют каналы одинаково. **Блогеры** убыточны в любом из них: ученик стоит 10 000 ₽,
# а приносит за три года 7 267 ₽ (LTV:CAC 0,73), так что каждый из 100 учеников, которых блогеры
# приводят за месяц, приносит около 2 700 ₽ убытка. **Партнёры** — лучший канал с большим отрывом: ученик стоит
# 3 500 ₽, а приносит 20 022 ₽ (5,72), потому что ученики партнёров лучше всех конвертируются и дольше
# всех остаются. Контекст и таргет окупаются (2,58 и 2,09), но не дотягивают до цели 3:1: последний
# столбец показывает, до какого уровня должен снизиться их CAC.
#
# Юнит-экономика за 12 месяцев занижает все каналы, а сильнее всех — партнёров: у них ARPPU / CAC
# равен 4,19, а LTV:CAC — 5,72. Месяцы, которые ученик оплачивает после первого года, — это как раз
# то, чем выигрывает канал с лояльными учениками.
#
# **Решение 1: какой канал сократить, какой нарастить.** Блогеров по нынешней цене отключаем: даже за
# три года их ученики не окупают своей стоимости. Партнёров наращиваем: здесь каждый рубль приносит
# больше всего, а канал упирается не в экономику, а в аудиторию партнёров (2 000 пользователей в
# месяц), поэтому рычаг — более высокая комиссия за больший поток (упражнение 13.2). Контекст и
# таргет оставляем, но не масштабируем и подтягиваем их CAC к потолку при 3:1: снижаем ставки (CPA) или
# повышаем C1.

# %% [markdown] exercise="13.1"
# *Exercise 13.1: the question and the answer cell are written from clvkit/_exercises/nb14.py.*

# %% exercise="13.1"
# the answer cell of exercise 13.1 is written from clvkit/_exercises/nb14.py

# %% [markdown] exercise="13.2"
# *Exercise 13.2: the question and the answer cell are written from clvkit/_exercises/nb14.py.*

# %% exercise="13.2"
# the answer cell of exercise 13.2 is written from clvkit/_exercises/nb14.py

# %% [markdown] lang="en"
# ## Every current student, one by one
#
# At the end of 2025 some students are still paying. The sBG model values each of them by what he has
# already shown: a student who has renewed many times is likely to renew again (`value(...,
# renewals=...)`, the discounted expected residual lifetime times his plan's margin). Adding the values
# up by channel and plan shows where the value of the current base sits.

# %% [markdown] lang="ru" en_hash="1021e8e8"
# ## Каждый текущий ученик по отдельности
#
# В конце 2025 года часть учеников всё ещё платит. Модель sBG оценивает каждого по тому, что он уже
# показал: кто продлевал подписку много раз, скорее всего, продлит её снова (`value(...,
# renewals=...)` — дисконтированный ожидаемый оставшийся срок жизни, умноженный на маржу его тарифа).
# Сложив оценки по каналам и тарифам, увидим, где сосредоточена ценность текущей базы.

# %%
active = students[students["last"] == students["last"].max()].copy()
for channel, group in active.groupby("channel"):
    renewals = group["paid"].to_numpy() - 1
    active.loc[group.index, "clv"] = sbg[channel].value(1.0, d, renewals=renewals) * group["plan"].map(plans["margin"])
print(tr(en="Students still paying:", ru="Платят сейчас:"), format_number(len(active), lang, decimals=0), "|",
      tr(en="value of the current base:", ru="ценность текущей базы:"), rub(active["clv"].sum()), "|",
      tr(en="CLV of a student, median:", ru="CLV ученика, медиана:"), rub(active["clv"].median()))
seg = active.groupby(["plan", "channel"])["clv"].agg(["size", "mean", "sum"])
seg = seg.assign(students=seg["size"] / seg["size"].sum(), value=seg["sum"] / seg["sum"].sum())
show(seg, {"size": whole, "mean": rub, "students": pct, "value": pct},
     tr(en=["students", "mean CLV", "share of students", "share of value"],
        ru=["учеников", "средний CLV", "доля учеников", "доля ценности"]))

# %% [markdown] lang="en"
# **The segment that matters.** Pro students are a quarter of the students still paying (25.5%) and
# carry two fifths of the base's value (41.2%): a Pro student from partners is worth 80,970 ₽, a Basic
# one from search ads 33,448 ₽. In this school the plan does not change how long students stay, so a
# Pro student is worth about twice a Basic one simply because his margin a month is twice as large.
# The largest group, Basic students from search ads (32% of the base), is where a change reaches the
# most students, and new ones arrive every month.

# %% [markdown] lang="ru" en_hash="c5665380"
# **Сегмент, который важнее всего.** Ученики «Про» — четверть тех, кто ещё платит (25,5 %), а на них
# приходятся две пятых ценности базы (41,2 %): ученик «Про» от партнёров стоит 80 970 ₽, ученик «Базового» из
# контекста — 33 448 ₽. В этой школе тариф не влияет на то, как долго остаются ученики: ученик
# «Про» стоит примерно вдвое больше только потому, что его маржа в месяц вдвое выше. Самая большая
# группа — ученики «Базового» из контекста (32 % базы): изменение здесь затронет больше всего учеников,
# а новые приходят каждый месяц.

# %% [markdown] lang="en"
# ## Decision 2: a curator or an upsell?
#
# Two actions for new Basic students from search ads, each with its own lever of unit economics:
#
# - **A curator** for the first three months (700 ₽ a month per student still studying). A pilot
#   suggests it cuts the mean monthly churn by a quarter: it raises **APC**, the months paid.
# - **An upsell to Pro**, offered in the second month: 15% of the students still there move to Pro,
#   with 1,500 ₽ off their first Pro month, and the offer costs 100 ₽ per student who gets it. It raises
#   the price, **AvP**, and with it ARPPU; churn stays as it is.
#
# Both are written as cash flows month by month for 1,000 new students: the extra margin minus the cost,
# weighted by the share of students still paying and discounted. Their running sum shows what each
# action has earned by any month, i.e. over any **horizon**.

# %% [markdown] lang="ru" en_hash="5adcae47"
# ## Решение 2: куратор или апсейл?
#
# Два действия для новых учеников «Базового» из контекста, у каждого свой рычаг юнит-экономики:
#
# - **Куратор** на первые три месяца (700 ₽ в месяц на каждого ученика, который ещё учится). По итогам
#   пилота он снижает средний месячный отток на четверть, то есть увеличивает **APC** — число оплаченных
#   месяцев.
# - **Апсейл на «Про»** во второй месяц: 15 % оставшихся учеников переходят на «Про» со скидкой 1 500 ₽
#   на первый месяц нового тарифа, а само предложение стоит 100 ₽ на каждого, кто его получил. Апсейл
#   повышает цену (**AvP**), а с ней и ARPPU; отток не меняется.
#
# Оба действия записаны как денежные потоки по месяцам для 1 000 новых учеников: дополнительная маржа
# минус затраты, умноженные на долю учеников, которые ещё платят, и продисконтированные. Накопленная
# сумма показывает, сколько действие заработало к любому месяцу, то есть на любом **горизонте расчёта**.

# %%
CURATOR = dict(cost=700.0, months=3, churn_cut=0.25)
UPSELL = dict(take=0.15, discount=1500.0, offer=100.0)
alpha, beta = sbg["search_ads"].params_
churn = (1 - CURATOR["churn_cut"]) * alpha / (alpha + beta)
curated = ShiftedBetaGeometric.from_params(alpha=churn * (alpha + beta), beta=(1 - churn) * (alpha + beta))
s0, s1, v = sbg["search_ads"].survival(t36), curated.survival(t36), (1 + d) ** -t36.astype(float)
basic, extra = plans.loc["basic", "margin"], plans.loc["pro", "margin"] - plans.loc["basic", "margin"]
flows = pd.DataFrame({
    "curator": basic * (s1 - s0) * v - CURATOR["cost"] * s1 * v * (t36 < CURATOR["months"]),
    "upsell": UPSELL["take"] * extra * s0 * v * (t36 >= 1)
    - (UPSELL["take"] * UPSELL["discount"] + UPSELL["offer"]) * s0 * v * (t36 == 1)}, index=t36 + 1)
gains = 1000 * flows.cumsum()
show(gains.loc[[3, 6, 12, 24, 36]], {"curator": rub, "upsell": rub},
     tr(en=["curator", "upsell"], ru=["куратор", "апсейл"])).rename_axis(tr(en="month", ru="месяц"))

# %%
ax = (gains / 1000).set_axis(tr(en=["curator", "upsell to Pro"], ru=["куратор", "апсейл на «Про»"]), axis=1).plot(
    figsize=(8, 4), xlabel=tr(en="months since the students joined", ru="месяцев с прихода учеников"),
    ylabel=tr(en="cumulative net gain, thousand ₽", ru="накопленный чистый прирост, тыс. ₽"),
    title=tr(en="1,000 new Basic students from search ads", ru="1 000 новых учеников «Базового» из контекста"))
ax.axhline(0, color="grey", linewidth=0.8)
ax.yaxis.set_major_formatter(lambda y, _: format_number(y, lang, decimals=0))

# %% [markdown] lang="en"
# The two actions earn on different clocks. The upsell costs little and earns from the second month:
# it is ahead by month 3 and has made 810,122 ₽ by month 12, two thirds of what it makes in three
# years. The curator costs 700 ₽ a month at once and earns only through the months that the students he
# keeps pay later: at month 3 he is 1.49 million ₽ down, he pays back in month 12, overtakes the upsell
# in month 20, and by month 24 has made 1,551,244 ₽ against the upsell's 1,128,736 ₽.
#
# **Decision 2.** A retention action has to be judged on a horizon as long as the lifetimes it
# lengthens, here two years and more; a quarterly or yearly report would kill the action that earns
# most. Both actions pay over 24 months, and they do not exclude each other: launch the upsell now,
# since it pays back within a quarter, and the curator as soon as the school can carry a year of
# payback (about 1.5 million ₽ per 1,000 students at the deepest point), because over two years he adds
# more. If only one is affordable and the money has to come back within the year, it is the upsell.

# %% [markdown] lang="ru" en_hash="f5e6c5b2"
# Действия приносят деньги в разном темпе. Апсейл стоит недорого и приносит деньги со второго месяца: к 3-му
# месяцу он уже в плюсе, а к 12-му заработал 810 122 ₽ — две трети того, что принесёт за три года.
# Куратор стоит 700 ₽ в месяц сразу, а зарабатывает только на месяцах, которые удержанные им ученики
# оплатят позже: к 3-му месяцу он в минусе на 1,49 млн ₽, окупается на 12-м месяце, обгоняет апсейл на
# 20-м, а к 24-му приносит 1 551 244 ₽ против 1 128 736 ₽ у апсейла.
#
# **Решение 2.** Действие по удержанию нужно оценивать на горизонте не короче тех сроков жизни, которые
# оно продлевает, — здесь это два года и больше; квартальный или годовой отчёт похоронил бы действие,
# которое зарабатывает больше всего. Оба действия окупаются за 24 месяца и не исключают друг друга:
# апсейл запускаем сразу — он окупается за квартал, — а куратора — когда школа сможет год ждать
# окупаемости (в худшей точке около 1,5 млн ₽ на 1 000 учеников): за два года он приносит больше. Если
# денег хватает только на одно действие и они должны вернуться в течение года, выбираем апсейл.

# %% [markdown] exercise="13.3"
# *Exercise 13.3: the question and the answer cell are written from clvkit/_exercises/nb14.py.*

# %% exercise="13.3"
# the answer cell of exercise 13.3 is written from clvkit/_exercises/nb14.py

# %% [markdown] lang="en"
# ## Key takeaways
#
# - In a subscription a paid month is the purchase of unit economics: AvP is the monthly price, COGS
#   the cost of serving a student a month, APC the months he pays, which the sBG model forecasts per
#   channel.
# - ARPPU over 12 months and LTV over 36 months rank channels alike here, but the 12-month view
#   understates the channel whose students stay longest; judge channels on LTV:CAC and their CAC
#   against the 3:1 ceiling.
# - Cut a channel whose students do not repay their CAC even over three years (bloggers, 0.73); grow
#   the one with the most headroom (partners, 5.72) while its LTV:CAC stays above the target.
# - Value current students one by one (`value(..., renewals=...)`): here Pro students are a quarter
#   of the base and two fifths of its value.
# - Judge each action on a horizon that fits its lever: an upsell pays within a quarter; a retention
#   action pays over the lifetimes it lengthens and needs two years to show its worth.

# %% [markdown] lang="ru" en_hash="cac6f3c0"
# ## Главное
#
# - В подписке роль покупки в юнит-экономике играет оплаченный месяц: AvP — цена месяца, COGS — затраты на
#   обслуживание ученика в месяц, APC — число оплаченных месяцев, которое модель sBG прогнозирует по
#   каждому каналу.
# - ARPPU за 12 месяцев и LTV за 36 месяцев ранжируют каналы одинаково, но годовой расчёт занижает
#   канал, чьи ученики остаются дольше всех; оценивайте каналы по LTV:CAC, а их CAC сравнивайте с
#   потолком при 3:1.
# - Канал, ученики которого не окупают CAC даже за три года, отключаем (блогеры, 0,73); канал с
#   наибольшим запасом наращиваем (партнёры, 5,72), пока его LTV:CAC остаётся выше цели.
# - Текущих учеников оцениваем по одному (`value(..., renewals=...)`): здесь ученики «Про» — четверть
#   базы и две пятых её ценности.
# - Каждое действие оцениваем на горизонте, который подходит его рычагу: апсейл окупается за квартал,
#   а действие по удержанию окупается за счёт продлённых сроков жизни, и его ценность видна только за
#   два года.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. A channel brings users at CPA = 120 ₽ and C1 = 2%. What is its CAC, and what LTV does a student
#    need for the channel to reach 3:1?
# 2. Why does the 12-month ARPPU / CAC understate partners more than bloggers?
# 3. Bloggers are at LTV:CAC 0.73. Under what terms could the channel be worth keeping, and what would
#    you check first?
# 4. Pro students churn like Basic ones here, yet are worth twice as much. What would you verify in your
#    own data before counting on an upsell to Pro?
# 5. Why judge the curator over 24 months and not over 12? What would a quarterly report have said
#    about him?
# 6. Active students (the `activity` column) churn less. How would you use that to spend the curator's
#    budget better?

# %% [markdown] lang="ru" en_hash="a5ddea91"
# ## Вопросы для самопроверки
#
# 1. Канал приводит пользователей по CPA = 120 ₽ при C1 = 2 %. Чему равен его CAC и каким должен быть
#    LTV ученика, чтобы канал вышел на 3:1?
# 2. Почему ARPPU / CAC за 12 месяцев занижает партнёров сильнее, чем блогеров?
# 3. У блогеров LTV:CAC 0,73. На каких условиях канал стоило бы сохранить и что вы проверили бы в первую
#    очередь?
# 4. Ученики «Про» здесь уходят так же, как ученики «Базового», но стоят вдвое больше. Что вы проверили
#    бы в своих данных, прежде чем рассчитывать на апсейл на «Про»?
# 5. Почему куратора оцениваем за 24 месяца, а не за 12? Что сказал бы о нём квартальный отчёт?
# 6. Активные ученики (столбец `activity`) уходят реже. Как использовать это, чтобы тратить бюджет на
#    кураторов эффективнее?
