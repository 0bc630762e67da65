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
# and the «Про» plan (Pro, 5,990 ₽, with a curator who reviews homework). Students come from search ads
# (контекст), targeted social ads (таргет), bloggers (блогеры) and partner programmes (партнёрские
# программы). The data are **synthetic**: drawn by `ck.simulate` from known parameters (recipe
# `datasets/make_online_school.py`), shaped like such a business but taken from none. Money is in
# roubles.
#
# **You will learn**
#
# - to read a subscription in unit-economics terms: a paid month is a purchase, APC the months paid;
# - to decide which channel to cut or grow from LTV:CAC;
# - to judge a retention and an upsell action over a horizon that fits them.

# %% [markdown] lang="ru" en_hash="fa17a698"
# Онлайн-школа продаёт курсы по ежемесячной подписке: тариф «Базовый» — 2 990 ₽ в месяц и тариф
# «Про» — 5 990 ₽, с куратором, который проверяет домашние задания. Ученики приходят из контекста,
# таргета, от блогеров и из партнёрских программ. Данные **синтетические**: их сгенерировал
# `ck.simulate` по известным параметрам (рецепт — `datasets/make_online_school.py`); они устроены как у
# такого бизнеса, но не взяты ни у какой реальной школы. Деньги — в рублях.
#
# **Вы научитесь**
#
# - описывать подписку языком юнит-экономики: оплаченный месяц — это покупка, APC — число оплаченных
#   месяцев;
# - решать по LTV:CAC, какой канал сократить, а какой нарастить;
# - оценивать действие по удержанию и апсейл на подходящем им горизонте.

# %%
import numpy as np
import pandas as pd
import clvkit as ck
from clvkit import teach
from clvkit.i18n import format_money, format_number, format_percent
from clvkit.models import ShiftedBetaGeometric

ck.set_language(tr(en="en", ru="ru"))
ck.set_currency("RUB")  # this notebook counts in roubles in both tracks
lang = ck.get_language()
rub, pct, num = (lambda x: format_money(x, lang, decimals=0)), (lambda x: format_percent(x, lang)), (
    lambda x: format_number(x, lang, decimals=2))
show = lambda frame, formats, columns: pd.DataFrame({c: frame[c].map(f) for c, f in formats.items()}).rename(
    index=NAMES).set_axis(columns, axis=1).rename_axis(index=None)

# %% [markdown] lang="en"
# ## The school in unit-economics terms
#
# A paid month plays the part of a purchase: AvP is the monthly price, COGS the cost of serving a
# student a month (platform, payment fees, curators), APC the months a student pays, and CAC = CPA / C1
# the cost of a paying student. A student who stops paying is gone, so the **sBG** model fits each
# channel's payments (every 2024 cohort is observed for at least 13 months). From it: APC over 12 months,
# as unit economics counts it, and the **discounted months over 36 months** (25% a year, our assumption:
# a business borrows above the Bank of Russia key rate, 16–21% in 2024–2025), which make an LTV.

# %% [markdown] lang="ru" en_hash="4464a62f"
# ## Школа в терминах юнит-экономики
#
# Роль покупки играет оплаченный месяц: AvP — цена месяца, COGS — затраты на обслуживание ученика в
# месяц (платформа, эквайринг, кураторы), APC — число оплаченных месяцев, а CAC = CPA / C1 — стоимость
# платящего ученика. Ученик, который перестал платить, ушёл, поэтому оплаты каждого канала описывает
# модель **sBG** (каждая когорта 2024 года наблюдается не меньше 13 месяцев). Из неё берём APC за
# 12 месяцев, как считает юнит-экономика, и **дисконтированные месяцы за 36 месяцев** (25 % в год — наше
# допущение: бизнес занимает дороже ключевой ставки Банка России, а она в 2024–2025 годах была 16–21 %):
# с ними месячная маржа превращается в LTV.

# %%
payments, channels = ck.datasets.load_online_school(with_channels=True)
NAMES = dict(zip(["search_ads", "social_ads", "bloggers", "partners"],
                 tr(en=["search ads", "social ads", "bloggers", "partners"], ru=["контекст", "таргет", "блогеры", "партнёры"])))
students = payments.groupby("customer_id").agg(channel=("channel", "first"), plan=("plan", "first"),
                                               paid=("date", "size"))
plans = pd.DataFrame(payments.attrs["true_params"]["plans"]).T.assign(margin=lambda p: p["price"] - p["cogs"])
d, t12, t36 = ck.units.rate_per_unit(0.25, "M"), np.arange(12), np.arange(36)
sbg, fit = {}, {}
for channel in channels.index:  # students still paying at the start of months 0..12, per channel
    paid = students.loc[students["channel"] == channel, "paid"].to_numpy()
    sbg[channel] = ShiftedBetaGeometric().fit([(paid > k).sum() for k in range(13)], time_unit="M")
    fit[channel] = {"year": sbg[channel].survival(12), "apc": sbg[channel].survival(t12).sum(),
                    "months": (sbg[channel].survival(t36) / (1 + d) ** t36).sum()}
fit = pd.DataFrame(fit).T
print(tr(en="Students:", ru="Учеников:"), format_number(len(students), lang, decimals=0))

# %% [markdown] lang="en"
# ## LTV:CAC by channel
#
# A channel's margin a month mixes the Basic and Pro margins by its share of Pro students. Times APC
# over 12 months it is **ARPPU**, unit economics' first year; times the discounted months it is **LTV**,
# a new student's value over three years in today's roubles. Both are set against CAC;
# `ck.acquisition.channel_economics` adds LTV:CAC and the highest CAC at the 3:1 target.

# %% [markdown] lang="ru" en_hash="174ac75e"
# ## LTV:CAC по каналам
#
# Маржа канала в месяц — это маржа «Базового» и «Про», взвешенная по доле учеников «Про». Умноженная
# на APC за 12 месяцев, она даёт **ARPPU** — первый год в юнит-экономике; умноженная на
# дисконтированные месяцы — **LTV**, ценность нового ученика за три года в сегодняшних рублях. Оба
# сравниваем с CAC; `ck.acquisition.channel_economics` добавляет LTV:CAC и предельный CAC при цели 3:1.

# %%
pro = (students["plan"] == "pro").groupby(students["channel"]).mean().reindex(channels.index)
margin = pro * plans.loc["pro", "margin"] + (1 - pro) * plans.loc["basic", "margin"]
econ = ck.acquisition.channel_economics(channels.assign(arppu=margin * fit["apc"], ltv=margin * fit["months"]))
econ = econ.assign(arppu_cac=econ["arppu"] / econ["cac"], year=fit["year"])
ax = ck.plots.plot_ltv_cac(econ.rename(index=NAMES), target_ratio=3, lang=lang)
show(econ, {"ua": lambda x: format_number(x, lang, decimals=0), "c1": pct, "cpa": rub, "cac": rub, "year": pct, "arppu_cac": num, "ltv": rub, "ltv_cac": num,
            "max_cac": rub},
     tr(en=["users a month", "C1", "CPA", "CAC", "paying after a year", "ARPPU / CAC, 12 months", "LTV, 36 months", "LTV:CAC",
            "highest CAC at 3:1"],
        ru=["пользователей в месяц", "C1", "CPA", "CAC", "платят через год", "ARPPU / CAC за 12 мес.", "LTV за 36 мес.", "LTV:CAC",
            "предельный CAC при 3:1"]))

# %% [markdown] lang="en"
# **Bloggers** lose money in either view: a student costs 10,000 ₽ and is worth 7,267 ₽ over three
# years (LTV:CAC 0.73), so at today's price the channel is cut. **Partners** are the best channel by far
# (5.72): their students convert best and stay longest, which the 12-month view understates most (4.19).
# They bring only 2,000 users a month: growing them means paying more.

# %% [markdown] lang="ru" en_hash="05e87ff9"
# **Блогеры** убыточны в любом расчёте: ученик стоит 10 000 ₽, а приносит за три года 7 267 ₽
# (LTV:CAC 0,73), поэтому по нынешней цене канал отключаем. **Партнёры** — лучший канал с большим
# отрывом (5,72): их ученики лучше всех конвертируются и дольше всех остаются, и годовой расчёт
# занижает их сильнее всех (4,19). Но партнёры приводят лишь 2 000 пользователей в месяц: чтобы нарастить
# канал, придётся платить больше.

# %% [markdown] exercise="13.1"
# *Exercise 13.1: the question and the answer cell are written from clvkit/_exercises/nb13.py.*

# %% exercise="13.1"
# the answer cell of exercise 13.1 is written from clvkit/_exercises/nb13.py

# %% [markdown] lang="en"
# ## A curator or an upsell?
#
# Two actions for 1,000 new Basic students from search ads:
#
# - **a curator** for the first three months (700 ₽ a month per student still studying): a three-month
#   pilot measured a quarter less monthly churn while he works; it raises **APC**;
# - **an upsell to Pro** in the second month: 15% of the students still there move, with 1,500 ₽ off
#   their first Pro month, and the offer costs 100 ₽ per student: it raises **AvP** (Pro students
#   churn like Basic ones here).
#
# Each is a cash flow month by month (extra margin minus cost, times the share still paying,
# discounted); the table gives the running sum at five **horizons**, the curator's with his effect
# ending in month 3 and lasting for good.

# %% [markdown] lang="ru" en_hash="6efb01bd"
# ## Куратор или апсейл?
#
# Два действия для 1 000 новых учеников «Базового» из контекста:
#
# - **куратор** на первые три месяца (700 ₽ в месяц на каждого, кто ещё учится): трёхмесячный пилот
#   показал, что, пока он работает, месячный отток на четверть ниже; куратор увеличивает **APC**;
# - **апсейл на «Про»** во второй месяц: 15 % оставшихся переходят на «Про» со скидкой 1 500 ₽ на
#   первый месяц, а предложение стоит 100 ₽ на ученика: апсейл повышает **AvP** (ученики «Про» здесь
#   уходят так же, как ученики «Базового»).
#
# Каждое действие — денежный поток по месяцам (дополнительная маржа минус затраты, умноженные на долю
# тех, кто ещё платит, и продисконтированные); в таблице — накопленная сумма на пяти **горизонтах**,
# для куратора — с эффектом, который кончается на 3-м месяце, и с эффектом навсегда.

# %%
CURATOR, UPSELL = dict(cost=700.0, months=3, churn_cut=0.25), dict(take=0.15, discount=1500.0, offer=100.0)
alpha, beta = sbg["search_ads"].params_
churn = (1 - CURATOR["churn_cut"]) * alpha / (alpha + beta)  # the curator cuts the mean churn, alpha + beta kept
curated = ShiftedBetaGeometric.from_params(alpha=churn * (alpha + beta), beta=(1 - churn) * (alpha + beta))
s0, v, k = sbg["search_ads"].survival(t36), (1 + d) ** -t36.astype(float), np.minimum(t36, CURATOR["months"])
s1 = {"3": curated.survival(k) * s0 / s0[k], "all": curated.survival(t36)}  # after month 3: normal churn, or lower
basic, extra = plans.loc["basic", "margin"], plans.loc["pro", "margin"] - plans.loc["basic", "margin"]
flows = pd.DataFrame({
    **{f"curator_{e}": basic * (s - s0) * v - CURATOR["cost"] * s * v * (t36 < 3) for e, s in s1.items()},
    "upsell": UPSELL["take"] * extra * s0 * v * (t36 >= 1)
    - (UPSELL["take"] * UPSELL["discount"] + UPSELL["offer"]) * s0 * v * (t36 == 1)}, index=t36 + 1)
gains = 1000 * flows.cumsum()  # 1,000 students
show(gains.loc[[3, 6, 12, 24, 36]], {"curator_3": rub, "curator_all": rub, "upsell": rub},
     tr(en=["curator, effect 3 months", "curator, effect for good", "upsell"],
        ru=["куратор, эффект 3 месяца", "куратор, эффект навсегда", "апсейл"])).rename_axis(tr(en="month", ru="месяц"))

# %% [markdown] lang="en"
# The upsell is ahead by month 3. The curator costs money at once and earns only through the months
# that the students he keeps pay later: 1.49 million ₽ down at month 3. His two columns differ only in
# how long his cut in churn lasts. The 3-month column counts the students he kept as ordinary survivors
# afterwards, though they are likelier to leave: it is an upper bound.

# %% [markdown] lang="ru" en_hash="35ac15c6"
# Апсейл в плюсе уже к 3-му месяцу. Куратор стоит денег сразу, а зарабатывает только на месяцах,
# которые удержанные им ученики оплатят позже: к 3-му месяцу он в минусе на 1,49 млн ₽. Два его
# столбца различаются только тем, сколько длится снижение оттока. В столбце «эффект 3 месяца»
# удержанные куратором ученики после 3-го месяца уходят как обычные, хотя на деле они склоннее к уходу,
# так что это оценка сверху.

# %% [markdown] exercise="13.2"
# *Exercise 13.2: the question and the answer cell are written from clvkit/_exercises/nb13.py.*

# %% exercise="13.2"
# the answer cell of exercise 13.2 is written from clvkit/_exercises/nb13.py

# %% [markdown] lang="en"
# ## Key takeaways
#
# - In a subscription a paid month is the purchase of unit economics; the sBG model forecasts APC per
#   channel.
# - The 12-month view understates the channel whose students stay longest: judge channels on LTV:CAC.
# - Cut a channel whose students do not repay their CAC even over three years; grow one while its
#   LTV:CAC stays above the target and its net value grows, even if the ratio falls.
# - Value an action over how long its measured effect lasts; a lasting effect is an assumption to state.

# %% [markdown] lang="ru" en_hash="7011fde2"
# ## Главное
#
# - В подписке роль покупки играет оплаченный месяц; модель sBG прогнозирует APC по каждому каналу.
# - Годовой расчёт занижает канал, ученики которого остаются дольше всех: оценивайте каналы по LTV:CAC.
# - Канал, ученики которого не окупают CAC даже за три года, отключаем; канал наращиваем, пока его
#   LTV:CAC выше цели и чистая ценность растёт, даже если соотношение снижается.
# - Оценивайте действие за тот срок, в течение которого длится его измеренный эффект; эффект навсегда —
#   допущение, и его надо проговорить.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. A channel brings users at CPA = 120 ₽ and C1 = 2%. What is its CAC, and what LTV does a student
#    need for 3:1?
# 2. Why does the 12-month ARPPU / CAC understate partners more than bloggers?
# 3. Under what terms could bloggers be worth keeping, and what would you check first?
# 4. Pro students churn like Basic ones here. What would you verify in your own data before counting
#    on an upsell to Pro?
# 5. Active students churn less. How would you spend the curator's budget better?

# %% [markdown] lang="ru" en_hash="64084260"
# ## Вопросы для самопроверки
#
# 1. Канал приводит пользователей по CPA = 120 ₽ при C1 = 2%. Чему равен его CAC и каким должен быть
#    LTV ученика для 3:1?
# 2. Почему ARPPU / CAC за 12 месяцев занижает партнёров сильнее, чем блогеров?
# 3. На каких условиях блогеров стоило бы сохранить и что вы проверили бы в первую очередь?
# 4. Ученики «Про» здесь уходят так же, как ученики «Базового». Что вы проверили бы в своих данных,
#    прежде чем рассчитывать на апсейл на «Про»?
# 5. Активные ученики уходят реже. Как потратить бюджет на кураторов эффективнее?
