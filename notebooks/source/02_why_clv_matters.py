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
# A business that knows what a customer is worth can answer money questions that otherwise rest on
# gut feeling.
#
# **You will learn**
#
# - how to set a ceiling on acquisition cost (CAC) from CLV, and read LTV:CAC and payback;
# - how LTV sets the affordable cost per acquisition (CPA) and a campaign's conversion target, and why
#   better retention lets you pay more and convert less;
# - how to split an acquisition budget across channels, and what the 3:1 rule of thumb is about.

# %% [markdown] lang="ru" en_hash="c5fe79da"
# Бизнес, который знает, сколько стоит клиент, может отвечать на денежные вопросы, которые иначе
# решаются на глаз.
#
# **Вы научитесь**
#
# - задавать потолок стоимости привлечения (CAC) исходя из CLV, читать LTV:CAC и срок окупаемости;
# - выводить из LTV допустимую стоимость привлечения (CPA) и целевую конверсию кампании и понимать,
#   почему лучшее удержание позволяет платить больше и довольствоваться меньшей конверсией;
# - делить бюджет на привлечение между каналами и понимать, о чём говорит правило 3:1.

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
# ## Why CLV matters to the business
#
# Sales reports count transactions; CLV counts **relationships**: what each customer will be worth over
# the years. That changes decisions:
#
# | question | without CLV | with CLV |
# |---|---|---|
# | how much may a new customer cost? | as little as possible | up to a ceiling set by their value |
# | which channel is best? | the cheapest per customer | the one whose customers are worth most per dollar |
# | did the campaign work? | first-order revenue vs cost | value of the customers won vs cost |
#
# ## A ceiling on acquisition cost
#
# Take a typical online-shop customer: one order a month at $40, a 35% gross margin, and 90% of
# customers still buying the next month. Money is discounted at 10% a year, and we count three years of
# margins. A channel wins such customers at $35 each.

# %% [markdown] lang="ru" en_hash="cf89babe"
# ## Почему CLV важен для бизнеса
#
# Отчёты о продажах считают сделки; CLV считает **отношения**: сколько каждый клиент принесёт за годы.
# Это меняет решения:
#
# | вопрос | без CLV | с CLV |
# |---|---|---|
# | сколько может стоить новый клиент? | как можно меньше | до потолка, заданного его ценностью |
# | какой канал лучше? | самый дешёвый за клиента | тот, чьи клиенты дают больше ценности на вложенный рубль |
# | сработала ли кампания? | выручка первого заказа против затрат | ценность привлечённых клиентов против затрат |
#
# ## Потолок стоимости привлечения
#
# Возьмём типичного клиента интернет-магазина: один заказ в месяц со средним чеком 4 000 ₽, валовая маржа
# 35%, и 90% клиентов продолжают покупать в следующем месяце. Ставка дисконтирования — 10% в год,
# считаем маржу за три года. Канал приводит таких клиентов по 3 500 ₽.

# %%
d = ck.units.rate_per_unit(0.10, "M")  # the yearly 10% as a monthly rate
margin_per_month = 40 * per_dollar * 0.35
clv = ck.formulas.dcf_clv(margin_per_month, 0.9, d, periods=36)
cac = 35 * per_dollar
print(tr(en="CLV over 36 months:      ", ru="CLV за 36 месяцев:       "), format_money(clv, lang, decimals=2))
print(tr(en="Break-even CAC (1:1):    ", ru="CAC безубыточности (1:1):"),
      format_money(ck.formulas.max_acquisition_cost(clv, target_ratio=1), lang, decimals=2))
print(tr(en="Ceiling at 3:1:          ", ru="Потолок при 3:1:         "),
      format_money(ck.formulas.max_acquisition_cost(clv, target_ratio=3), lang, decimals=2))
print(tr(en="LTV:CAC on 36-month discounted margin:", ru="LTV:CAC по дисконтированной марже за 36 месяцев:"),
      format_number(ck.formulas.ltv_cac_ratio(clv, cac), lang, decimals=2))
print(tr(en="Payback, months:", ru="Срок окупаемости, месяцев:"),
      format_number(ck.formulas.payback_period(margin_per_month, cac, retention=0.9, discount_rate=d), lang, decimals=1))

# %% [markdown] lang="en"
# Paying exactly the CLV for a customer means breaking even (LTV:CAC = 1). Teams aim higher, typically
# **3:1** (Skok 2013), because the CLV is an estimate, overheads are not in the margin, and the money
# comes back slowly. The ceiling is CLV divided by the target ratio (`ck.formulas.max_acquisition_cost`).
# The 3:1 rule speaks of the **average** customer a channel or campaign brings. Here LTV:CAC is
# always **LTV:CAC on 36-month discounted margin**: three years of a customer's expected margin, discounted,
# over their CAC. A ratio on undiscounted revenue or a shorter horizon is another number; say which you use.
#
# The **payback period** is how long the expected, discounted margin of a new customer takes to cover the
# CAC. It is an average too: a customer who leaves in the first months never pays back, those who stay
# pay for them.

# %% [markdown] lang="ru" en_hash="1e68942d"
# Заплатить за клиента ровно его CLV — значит выйти в ноль (LTV:CAC = 1). Обычно целятся выше, как
# правило, в **3:1** (Skok 2013): CLV — это оценка, накладные расходы не входят в маржу, а деньги
# возвращаются медленно. Потолок — это CLV, делённый на целевое соотношение
# (`ck.formulas.max_acquisition_cost`). Правило 3:1 говорит о **среднем** клиенте, которого приводит
# канал или кампания. Здесь LTV:CAC — всегда **LTV:CAC по дисконтированной марже за 36 месяцев**:
# ожидаемая маржа клиента за три года с дисконтированием, делённая на его CAC. Соотношение по выручке без
# дисконтирования или за более короткий срок — другое число; называйте, какое вы считаете.
#
# **Срок окупаемости** — за сколько месяцев ожидаемая дисконтированная маржа нового клиента покрывает
# CAC. Это тоже среднее: клиент, ушедший в первые месяцы, не окупается никогда, за него платят оставшиеся.

# %% [markdown] lang="en"
# Move the **CAC** slider and watch LTV:CAC and the payback; then try retention.

# %% [markdown] lang="ru" en_hash="c5852b1e"
# Подвигайте ползунок **CAC** и следите за LTV:CAC и сроком окупаемости; потом попробуйте удержание.

# %% tags=["nbval-ignore-output"]
ck.widgets.DriverExplorer(aov=40 * per_dollar, purchases_per_period=1, margin=0.35, retention=0.9,
                          annual_discount_rate=0.1, horizon=36, cac=35 * per_dollar, currency=currency, lang=lang)

# %% [markdown] lang="en"
# ## LTV → affordable CPA → conversion targets
#
# Ad platforms call the cost of one new customer the **CPA** (cost per acquisition), our CAC; the
# ceiling above is the **affordable CPA**. A campaign does not buy customers, it buys clicks (or
# leads): at $0.80 a click, a customer costs $0.80 divided by the share of clicks that
# become customers. So the affordable CPA sets the **lowest conversion** the campaign must reach:
# cost per click / affordable CPA. If you know an earlier step of the funnel (say the landing page turns
# 12% of clicks into sign-ups), the rest of the funnel must reach that conversion divided by 12%.
#
# Now suppose a retention programme lifts monthly retention from 90% to 93%:

# %% [markdown] lang="ru" en_hash="54cf457f"
# ## LTV → допустимый CPA → целевая конверсия
#
# Рекламные кабинеты называют стоимость одного нового клиента **CPA** (cost per acquisition, цена
# привлечения), у нас это CAC; потолок выше — это **допустимый CPA**. Кампания покупает не
# клиентов, а клики (или заявки): при 80 ₽ за клик клиент стоит 80 ₽, делённые на долю кликов, которые
# становятся клиентами. Поэтому допустимый CPA задаёт **наименьшую конверсию**, которой должна достичь
# кампания: цена клика / допустимый CPA. Если известен ранний шаг воронки (например, посадочная страница
# превращает 12% кликов в регистрации), остальная воронка должна дать эту конверсию, делённую на 12%.
#
# Теперь допустим, что программа удержания подняла месячное удержание с 90% до 93%:

# %%
ltv = pd.Series({0.90: clv, 0.93: ck.formulas.dcf_clv(margin_per_month, 0.93, d, periods=36)})
targets = ck.acquisition.conversion_targets(ltv, cost_per_click=0.8 * per_dollar, target_ratio=3)
targets["sign_up_to_customer"] = ck.acquisition.required_conversion(
    0.8 * per_dollar, targets["max_cac"], other_steps=0.12)
for column in ("required_conversion", "sign_up_to_customer"):  # shares of clicks and sign-ups, as percentages
    targets[column] = targets[column].map(lambda share: format_percent(share, lang, decimals=2))
targets.index = [format_percent(r, lang, decimals=0) for r in targets.index]
targets.index.name = tr(en="monthly retention", ru="месячное удержание")
targets.columns = tr(en=["LTV", "affordable CPA", "click to customer", "sign-up to customer"],
                     ru=["LTV", "допустимый CPA", "из клика в клиента", "из регистрации в клиента"])
ck.format_table(targets.round(2), lang=lang)

# %% [markdown] lang="en"
# At 90% retention, 2.09% of clicks must become customers (17.4% of sign-ups); at 93% the LTV is 38%
# higher, the affordable CPA rises by as much, and the conversion target falls to 1.52%. This is how
# retention pays for acquisition: campaigns that were too expensive become worth running. The target is
# for the campaign's **average** conversion, as 3:1 is a rule for the average customer.

# %% [markdown] lang="ru" en_hash="6c105f55"
# При удержании 90% клиентами должны стать 2,09% кликнувших (17,4% зарегистрировавшихся); при 93% LTV
# выше на 38%, допустимый CPA растёт во столько же раз, а целевая конверсия падает до 1,52%. Так
# удержание оплачивает привлечение: кампании, которые были слишком дорогими, начинают окупаться. Цель
# относится к **средней** конверсии кампании, как и 3:1 — правило для среднего клиента.

# %% [markdown] exercise="02.1"
# *Exercise 02.1: the question and the answer cell are written from clvkit/_exercises/nb02.py.*

# %% exercise="02.1"
# the answer cell of exercise 02.1 is written from clvkit/_exercises/nb02.py

# %% [markdown] lang="en"
# ## Channels and a budget
#
# Channels bring different customers: referred customers often stay longer, marketplace shoppers hunt
# for a deal and leave. Four channels, with their customers' LTV over 36 months, their CAC, LTV:CAC,
# the ceiling at 3:1 (`max_cac`) and how far below (positive) or above (negative) it the CAC is.

# %% [markdown] lang="ru" en_hash="08430578"
# ## Каналы и бюджет
#
# Каналы приводят разных клиентов: пришедшие по рекомендации часто остаются дольше, покупатели
# с маркетплейсов ищут выгоду и уходят. Четыре канала: LTV их клиентов за 36 месяцев, CAC, LTV:CAC,
# потолок при 3:1 (`max_cac`) и насколько CAC ниже потолка (плюс) или выше (минус).

# %%
channels = pd.DataFrame(
    {"margin_per_month": [m * per_dollar for m in (14, 12, 16, 10)], "retention": [0.9, 0.85, 0.93, 0.8],
     "cac": [c * per_dollar for c in (35, 30, 50, 25)], "saturation": [300, 600, 120, 1000]},
    index=pd.Index(tr(en=['search', 'social', 'referral', 'marketplace'],
                      ru=['поиск', 'соцсети', 'рекомендации', 'маркетплейс']), name="channel"),
)
channels["ltv"] = [ck.formulas.dcf_clv(m, r, d, periods=36)
                   for m, r in zip(channels["margin_per_month"], channels["retention"])]
economics = ck.acquisition.channel_economics(channels, margin_per_period="margin_per_month",
                                             retention="retention", discount_rate=d)
ck.format_table(economics[["ltv", "cac", "ltv_cac", "max_cac", "cac_headroom"]].round(2), lang=lang)

# %% [markdown] exercise="02.2"
# *Exercise 02.2: the question and the answer cell are written from clvkit/_exercises/nb02.py.*

# %% exercise="02.2"
# the answer cell of exercise 02.2 is written from clvkit/_exercises/nb02.py

# %% [markdown] lang="en"
# A channel gets dearer the more you buy from it: `saturation` is the number of customers after which
# the cost of one more has doubled. `ck.acquisition.allocate_budget` spends a budget of $30,000 where the
# next dollar brings the most value, until the **last** customer bought in every funded channel returns
# the same LTV:CAC (Blattberg & Deighton 1996); `net_value` is the value acquired minus the spend.

# %% [markdown] lang="ru" en_hash="fc40dab9"
# Чем больше клиентов вы привлекаете через канал, тем он дороже: `saturation` — число клиентов, после которого
# следующий клиент стоит вдвое дороже. `ck.acquisition.allocate_budget` тратит бюджет 3 000 000 ₽ там, где
# следующий рубль приносит больше ценности, пока у **последнего** привлечённого клиента в каждом
# финансируемом канале не сравняется LTV:CAC (Blattberg & Deighton 1996); `net_value` — привлечённая
# ценность минус затраты.

# %%
plan = ck.acquisition.allocate_budget(channels, 30_000 * per_dollar)
ck.format_table(plan[["customers", "spend", "ltv_cac", "marginal_ltv_cac", "net_value"]].round(
    {"spend": 0, "ltv_cac": 2, "marginal_ltv_cac": 2, "net_value": 0}).astype(
    {"spend": int, "net_value": int}), lang=lang)

# %% [markdown] lang="en"
# **3:1 or 1.7:1?** The split buys customers until the last one returns only about 1.7:1, which seems to
# break the 3:1 rule. The two ratios answer different questions. `ltv_cac` is the **average** of all the
# customers bought on a channel, the number 3:1 is about. `marginal_ltv_cac` is the **last** customer's:
# as long as the next customer brings more than they cost, buying them adds to `net_value`. To put the
# safety margin on every customer, set `min_ratio=`, the lowest marginal LTV:CAC the split
# will pay for; the money it does not spend stays in the bank:

# %% [markdown] lang="ru" en_hash="9b99c291"
# **3:1 или 1,7:1?** Алгоритм привлекает клиентов, пока последний не начнёт приносить лишь около 1,7:1, —
# кажется, что это нарушает правило 3:1. Но два соотношения отвечают на разные вопросы. `ltv_cac` —
# **среднее** по всем привлечённым через канал клиентам; именно о нём правило 3:1. `marginal_ltv_cac` —
# соотношение для **последнего** клиента: пока следующий клиент приносит больше, чем стоит, его покупка
# увеличивает `net_value`. Если запас нужен на каждом клиенте, задайте его явно через `min_ratio=` —
# наименьшее предельное LTV:CAC, за которое алгоритм готов платить; непотраченные деньги остаются в бюджете:

# %%
stop_at = {}
for floor in (1.0, 2.0, 3.0):
    option = ck.acquisition.allocate_budget(channels, 30_000 * per_dollar, min_ratio=floor)
    stop_at[tr(en="min_ratio = ", ru="предельный LTV:CAC ≥ ") + f"{floor:g}"] = {
        "customers": option["customers"].sum(), "spend": option["spend"].sum(),
        "average_ltv_cac": option["value"].sum() / option["spend"].sum(),
        "lowest_marginal_ltv_cac": option.loc[option["customers"] > 0, "marginal_ltv_cac"].min(),
        "net_value": option["net_value"].sum()}
ck.format_table(pd.DataFrame(stop_at).T.round({"spend": 0, "average_ltv_cac": 2, "lowest_marginal_ltv_cac": 2,
                "net_value": 0}).astype({"customers": int, "spend": int, "net_value": int}), lang=lang)

# %% [markdown] lang="en"
# Demanding 3:1 of the last customer buys far fewer customers, leaves most of the budget unspent and adds
# much less value. The rule of thumb buys safety against a CLV that turns out too optimistic; its price
# is the difference in `net_value`. How far you trust your CLV (notebook 17 for analysts) decides the line.
#
# ## Key takeaways
#
# - The ceiling on acquisition cost (the affordable CPA) is CLV divided by a target LTV:CAC, often 3; name
#   the ratio you use (here LTV:CAC on 36-month discounted margin).
# - Cost per click / affordable CPA is the lowest conversion a campaign must reach; better retention
#   raises the LTV, so the team may pay more per customer and accept a lower conversion.
# - 3:1 speaks of the average customer; a budget split decides on the last one. To demand 3:1 of every
#   customer, set `min_ratio`.
# - Cut the channel whose dollar buys the least value, not the one with the dearest customers.

# %% [markdown] lang="ru" en_hash="722bbdca"
# Требование 3:1 к последнему клиенту приводит намного меньше клиентов, оставляет большую часть бюджета
# непотраченной и добавляет гораздо меньше ценности. Это эмпирическое правило страхует от слишком
# оптимистичного CLV, а цена этой страховки — разница в `net_value`. Какую строку выбрать, решает то,
# насколько вы доверяете своей оценке CLV (для аналитиков — блокнот 17).
#
# ## Главное
#
# - Потолок стоимости привлечения (допустимый CPA) — это CLV, делённый на целевое LTV:CAC, часто 3;
#   называйте, какое соотношение вы считаете (здесь LTV:CAC по дисконтированной марже за 36 месяцев).
# - Цена клика / допустимый CPA — наименьшая конверсия, которой должна достичь кампания; лучшее удержание
#   поднимает LTV, и команда может платить за клиента больше и соглашаться на меньшую конверсию.
# - 3:1 говорит о среднем клиенте, а распределение бюджета решает по последнему. Чтобы требовать 3:1 от
#   каждого клиента, задайте `min_ratio`.
# - Сокращайте канал, где каждый вложенный рубль приносит меньше всего ценности, а не тот, где клиенты дороже всего.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. If your CLV estimate were 30% too high, what would happen to your affordable CPA and to the
#    conversion targets of your campaigns?
# 2. A campaign's conversion fell from 2.5% to 2%, but retention of new customers improved. How do you
#    decide whether it still pays?
# 3. The average customer of a channel returns 3:1, but the last ones you bought return only 1.7:1.
#    Would you keep buying them? What does the 3:1 target protect you against?
# 4. A channel has an LTV:CAC of 4:1 but pays back only after 30 months. Would you grow it?
# 5. A campaign brought many first orders at a low cost per order. What would you check before calling it
#    a success?

# %% [markdown] lang="ru" en_hash="4ccb624a"
# ## Вопросы для самопроверки
#
# 1. Если ваша оценка CLV завышена на 30%, что станет с допустимым CPA и с целевой конверсией ваших
#    кампаний?
# 2. Конверсия кампании упала с 2,5% до 2%, но удержание новых клиентов выросло. Как решить, окупается
#    ли она по-прежнему?
# 3. Средний клиент канала приносит 3:1, а последние привлечённые — только 1,7:1. Продолжите ли вы их
#    привлекать? От чего защищает цель 3:1?
# 4. У канала LTV:CAC 4:1, но окупается он только через 30 месяцев. Будете ли вы его наращивать?
# 5. Кампания принесла много первых заказов по низкой цене за заказ. Что вы проверите, прежде чем
#    назвать её успешной?
