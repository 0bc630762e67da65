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
# A CLV model is a forecast, and a forecast earns trust only by being checked against what really happened.
# This notebook does what analysts do before they put a model in front of a budget: hide the most recent
# data, let the model forecast it, and compare — in total, week by week, for each kind of customer, and
# against simple rules of thumb.
#
# **You will learn**
#
# - to split a transaction log into a calibration period and a holdout period, and why;
# - to check that a tool reproduces published results before relying on it;
# - to read a tracking chart and a chart of conditional expectations;
# - to compare a model with naive baselines, and decide whether to trust it — and say why.

# %% [markdown] lang="ru" en_hash="23087f89"
# Модель CLV — это прогноз, а прогнозу можно доверять, только если его сверили с тем, что произошло на
# самом деле. В этом блокноте мы сделаем то, что делают аналитики, прежде чем положить модель в основу
# бюджета: спрячем самые свежие данные, попросим модель их спрогнозировать и сравним — в целом, неделя за
# неделей, по типам клиентов и с простыми правилами «на глазок».
#
# **Вы научитесь**
#
# - делить журнал покупок на период калибровки и отложенный период — и понимать зачем;
# - проверять, что инструмент воспроизводит опубликованные результаты, прежде чем на него полагаться;
# - читать график отслеживания (tracking) и график условных ожиданий;
# - сравнивать модель с наивными прогнозами и решать, можно ли ей доверять, — и обосновывать решение.

# %%
import pandas as pd

import clvkit as ck
from clvkit import teach
from clvkit.models import BGNBD, ParetoNBD
from clvkit.i18n import format_number, format_percent

ck.set_language(tr(en="en", ru="ru"))
# The course's data are in US dollars; the Russian track shows them in roubles at the course's fixed rate.
currency = tr(en="USD", ru="RUB")
ck.set_currency(currency)
lang = ck.get_language()

# %% [markdown] lang="en"
# ## Calibration and holdout
#
# Pretend it is 30 September 1997. We fit the model on CDNOW's first 39 weeks (the **calibration**
# period) and ask it about the next 39 weeks, to 30 June 1998 (the **holdout** period), which it never
# sees. `ck.split_calibration_holdout` returns the usual summary of the calibration period and, for the
# same customers, what they did in the holdout: `frequency_holdout` counts their purchase days there.

# %% [markdown] lang="ru" en_hash="7a132a4d"
# ## Калибровка и отложенный период
#
# Представим, что сейчас 30 сентября 1997 года. Обучим модель на первых 39 неделях данных CDNOW (период
# **калибровки**) и спросим её о следующих 39 неделях, до 30 июня 1998 года (**отложенный** период), которых
# она не видит. `ck.split_calibration_holdout` возвращает привычную сводку за период калибровки и, для тех же
# клиентов, то, что они сделали в отложенном периоде: `frequency_holdout` — число дней с покупками в нём.
# Суммы CDNOW записаны в долларах, здесь они пересчитаны в рубли по условному курсу 100 ₽ за доллар.

# %%
tx = ck.datasets.load_cdnow_transactions(currency=currency)
cal, hold = ck.split_calibration_holdout(tx, calibration_end="1997-09-30", observation_end="1998-06-30",
                                         time_unit="W")
weeks = hold["duration_holdout"].iloc[0]
counts = {"n": len(cal), "cal": cal["frequency"].sum(), "hold": hold["frequency_holdout"].sum(), "weeks": weeks}
print(tr(en="{n} customers; {cal} repeat purchases in calibration, {hold} in the {weeks}-week holdout",
         ru="{n} клиентов; {cal} повторных покупок в периоде калибровки, {hold} в отложенном периоде ({weeks} недель)").format(**{k: format_number(v, lang, decimals=0) for k, v in counts.items()}))
ck.format_table(hold.head(), lang=lang)

# %% [markdown] lang="en"
# ## First check: the published estimates
#
# Before trusting a tool, check it against a known answer. Fader, Hardie & Lee (2005) fitted BG/NBD to
# exactly this calibration data and published r = 0.243, α = 4.414, a = 0.793, b = 2.426 and a
# log-likelihood of −9582.4. If our fit disagreed, something would be wrong with the data preparation or
# the code — no point going further.

# %% [markdown] lang="ru" en_hash="731560cf"
# ## Первая проверка: опубликованные оценки
#
# Прежде чем доверять инструменту, проверьте его на задаче с известным ответом. Fader, Hardie & Lee (2005)
# обучили BG/NBD ровно на этих данных калибровки и опубликовали r = 0,243, α = 4,414, a = 0,793, b = 2,426
# и логарифм правдоподобия −9582,4. Если бы наши оценки не совпали, это значило бы, что что-то не так с
# подготовкой данных или с кодом — и дальше идти нет смысла.

# %%
m = BGNBD().fit(cal)
published = pd.Series({"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426, "log-likelihood": -9582.4})
fitted = pd.Series([*m.params_, m.log_likelihood_], index=published.index)
tolerance = pd.Series([0.0005] * 4 + [0.05], index=published.index)  # half a unit of the last published digit
matches = bool(((fitted - published).abs() <= tolerance).all())
print(tr(en="reproduces the published estimates:",
         ru="воспроизводит опубликованные оценки:"), tr(en="yes",
                                                        ru="да") if matches else tr(en="no",
                                                                                    ru="нет"))
ck.format_table(pd.DataFrame({"clvkit": fitted.round(3).where(fitted.index != "log-likelihood", fitted.round(1)), tr(en="Fader, Hardie & Lee 2005",
                                                                                                     ru="Fader, Hardie & Lee 2005"): published}),
                lang=lang)

# %% [markdown] lang="en"
# ## Tracking: the whole customer base, week by week
#
# The **tracking chart** (Fader, Hardie & Lee 2005, figure 2) adds up the repeat purchases of all 2,357
# customers, week by week, and lays the model's expectation over the actual count. Left of the dotted line
# the model has seen the data; right of it the model is forecasting. A good model hugs the actual line on
# the left **and keeps hugging it** on the right.

# %% [markdown] lang="ru" en_hash="8e527a54"
# ## Отслеживание: вся клиентская база неделя за неделей
#
# **График отслеживания** (tracking chart; Fader, Hardie & Lee 2005, рисунок 2) складывает повторные
# покупки всех клиентов неделя за неделей и накладывает ожидание модели на фактическое число. Слева от
# пунктирной линии модель видела данные; справа от неё она прогнозирует. Хорошая модель идёт вплотную
# к факту слева **и продолжает идти вплотную** справа.

# %%
tracking = ck.plots.tracking_table(m, tx, calibration_end="1997-09-30", observation_end="1998-06-30")
ax = ck.plots.plot_tracking(m, tracking, lang=lang)

# %% [markdown] exercise="17.3"
# *Exercise 17.3: the question and the answer cell are written from clvkit/_exercises/nb07.py.*

# %% exercise="17.3"
# the answer cell of exercise 17.3 is written from clvkit/_exercises/nb07.py

# %%
checkpoints = tracking.loc[[13, 26, 39, 52, 65, 78], ["date", "actual", "expected"]]
ck.format_table(checkpoints.round({"expected": 0}).astype({"actual": int, "expected": int}), lang=lang)

# %% [markdown] lang="en"
# In the first weeks, while new customers are still arriving, the model runs a little low; then the two
# lines are almost one through the calibration period and the first quarter of the holdout (week 52).
# After that the actual purchases grow a little faster than the model expects, and the gap widens to the
# end (weeks 65 and 78 in the table).
#
# ## Conditional expectations: each kind of customer
#
# A model can get the total right for the wrong reasons, e.g. overestimating heavy buyers while
# underestimating light ones. So group customers by their calibration frequency (0, 1, 2, … repeat
# purchases) and compare, within each group, the average holdout purchases with the model's forecast for
# the same customers (Fader, Hardie & Lee 2005, figure 3).

# %% [markdown] lang="ru" en_hash="4c2b7c16"
# В первые недели, пока новые клиенты ещё приходят, модель немного занижает; дальше линии почти совпадают
# весь период калибровки и первый квартал отложенного периода (52-я неделя). После этого фактические
# покупки растут чуть быстрее, чем ожидает модель, и разрыв увеличивается к концу (65-я и 78-я недели
# в таблице).
#
# ## Условные ожидания: каждый тип клиента
#
# Модель может угадать итог по неверным причинам — например, переоценить активных покупателей и
# недооценить редких. Поэтому сгруппируем клиентов по частоте в периоде калибровки (0, 1, 2, … повторных
# покупок) и в каждой группе сравним среднее число покупок в отложенном периоде с прогнозом модели для тех
# же клиентов (Fader, Hardie & Lee 2005, рисунок 3).

# %%
by_frequency = ck.plots.holdout_by_frequency(m, cal, hold)
ax = ck.plots.plot_calibration_holdout(m, by_frequency, None, lang=lang)
ck.format_table(by_frequency.round(2), lang=lang)

# %% [markdown] lang="en"
# The model follows the actual averages across the whole range, from customers who never came back to those
# with 7 or more repeat purchases. It is low in every group, most for customers with one or two repeat
# purchases — the same undershoot as in the tracking chart — but it ranks the groups in the right order
# and gets none of them badly wrong.
#
# ## Against naive baselines
#
# Is the model worth the trouble? Compare it with two rules of thumb anyone could apply in a spreadsheet:
#
# - **own** — *each customer keeps buying at their calibration rate*: repeat purchases / T × 39 weeks;
# - **average** — *everybody buys at the average rate*: all repeat purchases of the calibration period
#   divided by all the weeks customers were observed, × 39 weeks, the same for all.
#
# `ck.validation.naive_baselines` computes both. `ck.validation.holdout_errors` then scores every forecast:
# its `total` over all customers, the error of that total in percent of the actual total
# (`total_error_pct`), and the **mean absolute error** (`mae`): the average, over customers, of
# |forecast − actual| holdout purchases. The mae tells how far off a typical customer's forecast is, so it
# is the number that matters when you target individuals (`rmse` is a cousin that punishes big misses
# more; `mae_vs_best_baseline` divides the mae by that of the better rule of thumb).

# %% [markdown] lang="ru" en_hash="6eccdb28"
# Модель следует за фактическими средними во всём диапазоне — от клиентов, которые так и не вернулись, до
# тех, у кого 7 и больше повторных покупок. Она занижает в каждой группе, сильнее всего — для клиентов
# с одной-двумя повторными покупками (тот же недобор, что и на графике отслеживания), но располагает
# группы в правильном порядке и ни в одной не ошибается грубо.
#
# ## Сравнение с наивными прогнозами
#
# Стоит ли модель усилий? Сравним её с двумя правилами «на глазок», которые любой применит в таблице:
#
# - **own** — *каждый клиент продолжает покупать в своём темпе периода калибровки*: повторные покупки / T × 39
#   недель;
# - **average** — *все покупают в среднем темпе*: все повторные покупки периода калибровки, делённые на все
#   недели наблюдения клиентов, × 39 недель — одно число для всех.
#
# Оба прогноза считает `ck.validation.naive_baselines`. Затем `ck.validation.holdout_errors` оценивает
# каждый прогноз: его итог по всем клиентам (`total`), ошибку итога в процентах от фактического итога
# (`total_error_pct`) и **среднюю абсолютную ошибку** (`mae`): среднее по клиентам значение
# |прогноз − факт| для покупок в отложенном периоде. Она показывает, насколько ошибается прогноз для
# типичного клиента, — именно это важно, когда кампания нацелена на конкретных людей (`rmse` — родственная
# мера, которая сильнее наказывает за крупные промахи; `mae_vs_best_baseline` — отношение mae к ошибке
# лучшего из правил «на глазок»).

# %%
actual = hold["frequency_holdout"]
naive = ck.validation.naive_baselines(cal, hold)
forecasts = {
    "BG/NBD": m.predict_purchases(cal, weeks),
    "Pareto/NBD": ParetoNBD().fit(cal).predict_purchases(cal, weeks),
    "own": naive["own"],
    "average": naive["average"],
}
errors = ck.validation.holdout_errors(forecasts, actual, baselines=["own", "average"])
print(tr(en="actual holdout purchases:",
         ru="фактические покупки в отложенном периоде:"), format_number(actual.sum(), lang, decimals=0))
ck.format_table(errors.round({"total": 0, "total_error_pct": 1, "mae": 3, "rmse": 3, "mae_vs_best_baseline": 3}).astype(
    {"total": int}), lang=lang)

# %% [markdown] exercise="17.1"
# *Exercise 17.1: the question and the answer cell are written from clvkit/_exercises/nb07.py.*

# %% exercise="17.1"
# the answer cell of exercise 17.1 is written from clvkit/_exercises/nb07.py

# %% [markdown] exercise="17.2"
# *Exercise 17.2: the question and the answer cell are written from clvkit/_exercises/nb07.py.*

# %% exercise="17.2"
# the answer cell of exercise 17.2 is written from clvkit/_exercises/nb07.py

# %%
teach.hint("17.2", lang=lang)

# %% [markdown] lang="en"
# ## Should you trust the model?
#
# Put the checks side by side. The cumulative line at week 78 includes the calibration purchases, which
# the model saw, so its gap is smaller than the gap on the holdout alone.

# %% [markdown] lang="ru" en_hash="ee1c83e5"
# ## Можно ли доверять модели?
#
# Сведём проверки вместе. Накопленная линия на 78-й неделе включает покупки периода калибровки, которые
# модель видела, поэтому разрыв на ней меньше, чем на одном отложенном периоде.

# %%
def signed(fraction):
    return ("+" if fraction > 0 else "") + format_percent(fraction, lang)

end = tracking.iloc[-1]
print(tr(en="reproduces the published estimates:              {matches}\ncumulative purchases at week 78, model vs actual: {week78}\nholdout total, BG/NBD vs actual:                  {total}\nholdout total, naive 'own' rate vs actual:        {naive}\nper-customer error, BG/NBD vs best baseline:      {better} lower",
         ru="воспроизводит опубликованные оценки:                   {matches}\nнакопленные покупки на 78-й неделе, модель к факту:    {week78}\nитог отложенного периода, BG/NBD к факту:              {total}\nитог отложенного периода, наивный темп 'own' к факту:  {naive}\nошибка на клиента, BG/NBD против лучшего наивного:     ниже на {better}").format(
    matches=tr(en="yes",
               ru="да") if matches else tr(en="no",
                                           ru="нет"), week78=signed(end["expected"] / end["actual"] - 1),
    total=signed(errors.loc["BG/NBD", "total_error_pct"] / 100),
    naive=signed(errors.loc["own", "total_error_pct"] / 100),
    better=format_percent(1 - errors.loc["BG/NBD", "mae_vs_best_baseline"], lang, decimals=0),
))

# %% [markdown] lang="en"
# On CDNOW the verdict is **trust, with a known bias**:
#
# - the code is right: it reproduces the published estimates;
# - the forecast for each kind of customer has the right shape, and its per-customer error is clearly
#   smaller than that of either rule of thumb (Pareto/NBD does about as well) — so it is the better tool
#   for **ranking and targeting** customers;
# - the total is **conservative here**: on CDNOW the model undershoots the holdout, while the naive rate
#   overshoots by far more (it forgets that customers leave). That is one dataset, not a law: on another
#   base the same model can overshoot, for example when buying slows down after the calibration period
#   (a season ends, a competitor arrives), which a model fitted on the past cannot know. Budget with the
#   model's number, and call it a floor only once your own holdout shows which side it errs on.
#
# Say it in these terms to a finance team: *"Fitted on 9 months, it forecast the next 9 months within the
# margin shown above, beat the spreadsheet rules by this much per customer, and erred on the low side."*
# Run the same checks on your own data before you rely on a model (notebook 11), and repeat them whenever
# you refit: a change in your business (a new loyalty programme, a price change) can break what was true
# last year.

# %% [markdown] lang="ru" en_hash="81bf706c"
# Для CDNOW вывод такой: **доверять, зная смещение**:
#
# - код работает верно: он воспроизводит опубликованные оценки;
# - прогноз для каждого типа клиентов имеет правильную форму, а его ошибка на клиента заметно меньше, чем
#   у любого из правил «на глазок» (Pareto/NBD справляется примерно так же), — значит, это лучший
#   инструмент, чтобы **ранжировать клиентов и выбирать цели** для кампаний;
# - итог **здесь консервативен**: на CDNOW модель немного недооценивает отложенный период, а наивный темп
#   переоценивает гораздо сильнее (он забывает, что клиенты уходят). Это один набор данных, а не закон:
#   на другой базе та же модель может и переоценить, например когда покупки замедляются после периода
#   калибровки (закончился сезон, пришёл конкурент), а модель, обученная на прошлом, знать этого не может.
#   Планируйте бюджет по числу модели, а нижней границей называйте его только после того, как ваш
#   собственный отложенный период покажет, в какую сторону она ошибается.
#
# Для финансового отдела это звучит так: *«Обученная на данных за 9 месяцев, модель спрогнозировала следующие
# 9 месяцев с точностью, показанной выше, превзошла правила из таблицы по ошибке на клиента и ошиблась
# в меньшую сторону»*. Проведите такие же проверки на своих данных, прежде чем полагаться на модель
# (блокнот 11), и повторяйте их при каждом переобучении: изменения в бизнесе (новая программа лояльности,
# новые цены) могут сломать то, что было верно в прошлом году.

# %% [markdown] lang="en"
# ## Key takeaways
#
# - Judge a model on data it has not seen: fit on a calibration period, compare with the holdout.
# - First make sure the tool reproduces published results; clvkit matches Fader, Hardie & Lee (2005) on CDNOW.
# - The tracking chart checks the total through time; conditional expectations check each kind of customer.
# - Always compare with naive baselines, by the total **and** by the error per customer.
# - Trust is a verdict with reasons: what the model gets right, which way it errs, and by how much.

# %% [markdown] lang="ru" en_hash="547513ea"
# ## Главное
#
# - Оценивайте модель на данных, которых она не видела: обучение на периоде калибровки, сравнение
#   с отложенным периодом.
# - Сначала убедитесь, что инструмент воспроизводит опубликованные результаты; clvkit совпадает с Fader,
#   Hardie & Lee (2005) на данных CDNOW.
# - График отслеживания проверяет итог во времени, условные ожидания — каждый тип клиента.
# - Всегда сравнивайте с наивными прогнозами — по итогу **и** по ошибке на клиента.
# - Доверие — это вывод с обоснованием: что модель делает хорошо, в какую сторону ошибается и насколько.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. Why judge a model on a holdout period it has not seen, rather than on how well it fits the data
#    it was trained on?
# 2. A model gets the total of the holdout right but underestimates the heavy buyers. Would you use
#    it to pick whom to retain? What would you still use it for?
# 3. Why compare a model with naive baselines both by the total and by the error per customer?
# 4. On CDNOW the model's total came in below what customers bought. Is "treat the model's total as
#    a floor" a safe rule for your base? How would you find out?

# %% [markdown] lang="ru" en_hash="63b68624"
# ## Вопросы для самопроверки
#
# 1. Почему модель оценивают на отложенном периоде, которого она не видела, а не по тому, как хорошо
#    она описывает данные, на которых обучена?
# 2. Модель верно предсказывает итог отложенного периода, но недооценивает активных покупателей.
#    Будете ли вы выбирать по ней, кого удерживать? Для чего она всё же годится?
# 3. Почему модель сравнивают с наивными прогнозами и по итогу, и по ошибке на клиента?
# 4. На CDNOW итог модели оказался ниже фактических покупок. Можно ли для вашей базы считать итог
#    модели нижней границей? Как это проверить?
