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
# Welcome to **clvkit**, a hands-on course on **Customer Lifetime Value (CLV)**: how much a customer
# is worth to your business over the whole relationship, and what you can do to raise it.
#
# **You will learn**
#
# - how to run a cell, move a slider and check an exercise;
# - which notebook answers which question (the course map below);
# - the four kinds of customer relationship, and why the kind decides how CLV is measured.

# %% [markdown] lang="ru" en_hash="d324e4c4"
# Добро пожаловать в **clvkit** — практический курс о **пожизненной ценности клиента (CLV)**: сколько
# клиент приносит бизнесу за всё время отношений и что можно сделать, чтобы эта сумма росла.
#
# **Вы научитесь**
#
# - запускать ячейку, двигать ползунок и проверять упражнение;
# - находить блокнот, который отвечает на ваш вопрос (карта курса ниже);
# - различать четыре типа отношений с клиентом и понимать, почему от типа зависит способ расчёта CLV.

# %% [markdown] lang="en"
# ## How to use the notebooks
#
# Click a grey **code cell** and press **Shift+Enter** to run it; the result appears below it. Every
# number is computed by the `clvkit` package, so you can run the same code on your own data later
# (notebook 11). Start by loading the kit:

# %% [markdown] lang="ru" en_hash="3499c300"
# ## Как работать с блокнотами
#
# Щёлкните по серой **ячейке с кодом** и нажмите **Shift+Enter** — результат появится под ней. Все
# числа считает пакет `clvkit`, поэтому тот же код потом можно запустить на ваших данных (блокнот 11).
# Для начала подключим инструменты. Данные курса записаны в долларах США; в русской версии все суммы
# показаны в рублях по условному курсу 100 ₽ за доллар — это не рыночный курс, а круглое число, чтобы
# суммы читались естественно.

# %%
import clvkit as ck
from clvkit import teach

ck.set_language(tr(en="en", ru="ru"))
# The course's data are in US dollars; the Russian track shows them in roubles at the course's fixed rate.
currency = tr(en="USD", ru="RUB")
ck.set_currency(currency)
per_dollar = ck.datasets.COURSE_RATES[currency]  # units of the currency per dollar of the data: 1 or 100
lang = ck.get_language()

# %% [markdown] lang="en"
# ## A first look at real customers
#
# The course uses a real dataset: every purchase of 2,357 customers of CDNOW, an online music store,
# who first bought in early 1997. Each row below is one customer: how many times they came **back**
# (`frequency`), how long after their first purchase they last bought (`recency`, in weeks), how long
# we have known them (`T`, weeks) and their average repeat order (`monetary_value`, dollars).

# %% [markdown] lang="ru" en_hash="a610c58f"
# ## Первый взгляд на реальных клиентов
#
# В курсе используются реальные данные: все покупки 2 357 клиентов интернет-магазина музыки CDNOW,
# впервые купивших в начале 1997 года. Каждая строка ниже — один клиент: сколько раз он **вернулся**
# (`frequency`, частота повторных покупок), через сколько недель после первой покупки купил в последний
# раз (`recency`), сколько недель мы его знаем (`T`) и его средний чек повторных покупок
# (`monetary_value`, в рублях по курсу 100 ₽ за доллар).

# %%
summary = ck.datasets.load_cdnow_summary(currency=currency)
ck.format_table(summary[["frequency", "recency", "T", "monetary_value"]].head().round(2), lang=lang)

# %% [markdown] lang="en"
# Most customers never come back, and those who do come back less and less over time. The chart shows,
# for customers acquired in each month, the share who bought again 1, 2, 3 … months later. This fading
# is what CLV models have to predict.
#
# Read the first column with care: month 0 is the month of each customer's first purchase, so it is
# 100% by definition. The colour scale is stretched over the later months, which are far lower, so that
# their differences show; month 0 therefore takes the top colour of the scale, the same as the best later
# month. The line under the chart gives the actual shares.

# %% [markdown] lang="ru" en_hash="1e0cc9c5"
# Большинство клиентов не возвращаются, а вернувшиеся покупают всё реже. На графике — доля клиентов,
# привлечённых в каждом месяце, которые снова купили через 1, 2, 3 … месяца. Именно это угасание
# и должны предсказывать модели CLV.
#
# Первый столбец читайте внимательно: месяц 0 — это месяц первой покупки каждого клиента, поэтому там
# по определению 100%. Цветовая шкала растянута на следующие месяцы, где доли гораздо ниже, чтобы их
# различия были видны; поэтому месяц 0 окрашен в верхний цвет шкалы — тот же, что и лучший из
# следующих месяцев. Настоящие доли — в строке под графиком.

# %%
transactions = ck.datasets.load_cdnow_transactions(currency=currency)
retention = ck.cohort_table(transactions, period="M", metric="retention")
ax = ck.plots.plot_cohort_heatmap(retention, lang=lang)
print(tr(en="Bought in month 0 (the first purchase):", ru="Купили в месяц 0 (первая покупка):"),
      ck.i18n.format_percent(retention.iloc[:, 0].mean(), lang, decimals=0), "|",
      tr(en="in month 1, on average:", ru="в месяц 1, в среднем:"), ck.i18n.format_percent(retention.iloc[:, 1].mean(), lang),
      "|", tr(en="best later month:", ru="лучший из следующих месяцев:"),
      ck.i18n.format_percent(retention.iloc[:, 1:].max().max(), lang))

# %% [markdown] lang="en"
# ## Move a slider
#
# Explorers like this one appear throughout the course. Drag a slider (or click it and use the arrow
# keys): the headline CLV, the chart and the figures next to it change at once. Try raising retention
# from 80% to 90% and watch CLV — retention is usually the strongest lever.

# %% [markdown] lang="ru" en_hash="33b5cfbc"
# ## Подвигайте ползунок
#
# Такие интерактивные панели встречаются по всему курсу. Потяните ползунок (или щёлкните по нему
# и нажимайте стрелки): CLV в заголовке, график и цифры рядом изменятся сразу. Поднимите удержание
# с 80% до 90% и посмотрите на CLV — удержание обычно самый сильный рычаг.

# %% tags=["nbval-ignore-output"]
ck.widgets.DriverExplorer(aov=50 * per_dollar, purchases_per_period=1, margin=0.3, retention=0.8, currency=currency,
                          lang=lang)

# %% [markdown] lang="en"
# ## Four kinds of customer relationship
#
# How you measure CLV depends on two questions. **Do you see customers leave?** With a contract
# (a subscription, a phone plan) you do: that is a *contractual* setting. A shop or a café never hears
# that a customer has left, they just stop coming: *non-contractual*. **When can purchases happen?** At
# fixed moments (a yearly renewal, an annual conference): *discrete*; at any time: *continuous*.
#
# | | discrete (fixed moments) | continuous (any time) |
# |---|---|---|
# | **contractual** | a) yearly magazine subscription, annual insurance — *sBG model, notebook 05* | b) mobile plan you can cancel any day |
# | **non-contractual** | c) yearly charity appeal, annual event — *BG/BB model, notebook 06* | d) online shop, coffee chain — *BG/NBD, Pareto/NBD, notebook 06* |

# %% [markdown] lang="ru" en_hash="552183df"
# ## Четыре типа отношений с клиентом
#
# Способ расчёта CLV зависит от двух вопросов. **Видите ли вы уход клиента?** Если есть договор
# (подписка, тариф связи) — видите: это *контрактная* ситуация. Магазин или кофейня никогда не узнают,
# что клиент ушёл, он просто перестаёт приходить: *неконтрактная*. **Когда возможна покупка?**
# В фиксированные моменты (ежегодное продление, ежегодная конференция) — *дискретная*; в любой
# момент — *непрерывная*.
#
# | | дискретная (фиксированные моменты) | непрерывная (в любой момент) |
# |---|---|---|
# | **контрактная** | a) годовая подписка на журнал, годовая страховка — *модель sBG, блокнот 05* | b) тариф связи, который можно отключить в любой день |
# | **неконтрактная** | c) ежегодный благотворительный сбор, ежегодное событие — *модель BG/BB, блокнот 06* | d) интернет-магазин, сеть кофеен — *BG/NBD, Pareto/NBD, блокнот 06* |

# %% [markdown] exercise="00.1"
# *Exercise 00.1: the question and the answer cell are written from clvkit/_exercises/nb00.py.*

# %% exercise="00.1"
# the answer cell of exercise 00.1 is written from clvkit/_exercises/nb00.py

# %% [markdown] exercise="00.2"
# *Exercise 00.2: the question and the answer cell are written from clvkit/_exercises/nb00.py.*

# %% exercise="00.2"
# the answer cell of exercise 00.2 is written from clvkit/_exercises/nb00.py

# %%
teach.hint("00.2", lang=lang)

# %% [markdown] lang="en"
# ## The course map
#
# <!-- course-map -->
#
# No code at all? The **CLV calculator** app (`clvkit-app` in a terminal) offers the drivers and the
# strategy simulator on one page.
#
# ## Key takeaways
#
# - Run cells with Shift+Enter; every number comes from the `clvkit` package.
# - Most customers never come back; CLV is about predicting who will, and for how long.
# - Whether you see customers leave, and when they can buy, decides which CLV model fits.

# %% [markdown] lang="ru" en_hash="10f74109"
# ## Карта курса
#
# <!-- course-map -->
#
# Совсем без кода? Приложение **калькулятор CLV** (команда `clvkit-app` в терминале) собирает факторы
# и симулятор стратегий на одной странице.
#
# ## Главное
#
# - Ячейки запускаются по Shift+Enter; все числа считает пакет `clvkit`.
# - Большинство клиентов не возвращаются; CLV — это прогноз того, кто вернётся и надолго ли.
# - От того, видите ли вы уход клиента и когда он может купить, зависит, какая модель CLV подходит.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. Which of the four kinds of relationship is your business: do you see customers leave, and can
#    they buy at any time? What would change in how you measure CLV if you were in the other row of
#    the table?
# 2. Most CDNOW customers never come back. If you looked only at the customers who did come back,
#    what would you conclude about an average new customer, and why would that be wrong?
# 3. In the driver explorer, moving retention from 80% to 90% raises CLV more than a 10% larger
#    order. Before you act on that, what would you want to know about each lever?
# 4. A colleague says "CLV is what a customer has spent with us so far". What would you answer, with
#    one example from your own business?

# %% [markdown] lang="ru" en_hash="a8eebcdf"
# ## Вопросы для самопроверки
#
# 1. К какому из четырёх типов отношений относится ваш бизнес: видите ли вы, что клиент ушёл, и
#    может ли он покупать в любой момент? Что изменилось бы в расчёте CLV, если бы вы были в другой
#    строке таблицы?
# 2. Большинство клиентов CDNOW так и не вернулись. Что вы решили бы о среднем новом клиенте, если
#    бы смотрели только на тех, кто вернулся, и почему это было бы ошибкой?
# 3. В исследователе факторов рост удержания с 80 % до 90 % поднимает CLV сильнее, чем чек на 10 %
#    больше. Что вы хотели бы знать о каждом рычаге, прежде чем действовать?
# 4. Коллега говорит: «CLV — это сколько клиент у нас уже потратил». Что вы ответите? Приведите
#    пример из своего бизнеса.
