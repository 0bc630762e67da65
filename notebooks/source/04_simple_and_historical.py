"""Notebook 04: measurement I — the simple CLV model, historical CLV, cohort averages, and a reality check."""

from build import code, md, tr

CELLS = [
    md(
        en="""
        # 04 · Simple and historical CLV

        The first ways teams measure customer value need nothing but a spreadsheet: multiply a few averages
        (the **simple model**), add up what customers have already spent (**historical CLV**), or follow
        groups of customers acquired in the same month (**cohort averages**). This notebook computes all three
        from a real transaction log, then checks the simple formula against what those customers really
        did next.

        **You will learn**

        - the simple CLV formula and what each of its four numbers means;
        - how to compute historical CLV per customer from a transaction log;
        - how to read cohort averages of revenue per customer;
        - why the simple formula overshoots, measured on real CDNOW customers.
        """,
        ru="""
        # 04 · Простой и исторический CLV

        Первые способы оценить ценность клиента не требуют ничего, кроме таблицы: перемножить несколько средних
        (**простая модель**), сложить то, что клиенты уже потратили (**исторический CLV**), или проследить за
        группами клиентов, пришедших в одном месяце (**средние по когортам**). В этой тетрадке мы посчитаем все
        три показателя по реальному журналу покупок, а затем сверим простую формулу с тем, что эти клиенты
        сделали на самом деле.

        **Вы научитесь**

        - применять простую формулу CLV и понимать смысл каждого из четырёх её множителей;
        - считать исторический CLV каждого клиента по журналу покупок;
        - читать средние по когортам: выручку на одного привлечённого клиента;
        - видеть, насколько простая формула завышает результат, на реальных клиентах CDNOW.
        """,
    ),
    code(
        """
        import pandas as pd

        import clvkit as ck
        from clvkit import teach
        from clvkit.widgets.labels import format_money, format_number, format_percent

        lang = {lang}
        """
    ),
    md(
        en="""
        ## The simple model

        The formula most articles start with (Gupta & Lehmann 2003 discuss it and its assumptions):

        $$\\text{CLV} = \\text{average order value} \\times \\text{purchases per period} \\times \\text{margin}
        \\times \\text{lifetime in periods}$$

        In words: *the profit a customer brings in a typical period, times the number of periods they stay.*
        A common shortcut for the lifetime is **1 / churn rate**: if 25% of customers leave each year, the
        average customer stays 1 / 0.25 = 4 years. Here is a shop with a $40 order, 4 orders a year and a
        30% margin:
        """,
        ru="""
        ## Простая модель

        Формула, с которой начинается большинство статей (её допущения разбирают Gupta & Lehmann 2003):

        $$\\text{CLV} = \\text{средний чек} \\times \\text{покупок за период} \\times \\text{маржа}
        \\times \\text{срок жизни в периодах}$$

        Словами: *прибыль, которую клиент приносит за обычный период, умноженная на число периодов, пока он
        остаётся клиентом.* Срок жизни часто берут как **1 / доля оттока**: если за год уходит 25% клиентов,
        средний клиент остаётся 1 / 0,25 = 4 года. Пример: магазин со средним чеком $40, 4 заказами в год и
        маржой 30%:
        """,
    ),
    code(
        """
        churn = 0.25                       # a quarter of customers leave each year
        lifetime = 1 / churn               # so the average customer stays 4 years
        clv = ck.formulas.simple_clv(aov=40, purchases_per_period=4, margin=0.3, lifetime_periods=lifetime)
        print({t_life}, format_number(lifetime, lang))
        print({t_clv}, format_money(clv, lang))
        """,
        t_life=tr(en="Lifetime, years:", ru="Срок жизни, лет:"),
        t_clv=tr(en="Simple CLV:", ru="Простой CLV:"),
    ),
    md(
        en="""
        Drawn as a running total, the simple model is a straight line: every year adds the same $48 of margin
        (40 × 4 × 0.3) until the lifetime ends. There is no churn along the way and no discounting: a dollar
        in year 4 counts as much as a dollar today. Notebook 05 bends this line.
        """,
        ru="""
        Если нарисовать накопленный итог, простая модель — прямая линия: каждый год добавляет одни и те же
        $48 маржи (40 × 4 × 0,3), пока срок жизни не закончится. Оттока по дороге нет, дисконтирования тоже:
        доллар через 4 года стоит столько же, сколько доллар сегодня. В тетрадке 05 мы эту линию согнём.
        """,
    ),
    code(
        """
        yearly = ck.formulas.cumulative_value(40 * 4 * 0.3, retention=1.0, discount_rate=0.0, periods=4)
        ax = ck.plots.plot_cumulative_value(yearly, time_unit="Y", lang=lang)
        """
    ),
    md(
        en="""
        **Exercise 04.1.** A coffee-bean shop: the average order is 25, customers order twice a month, the margin
        is 40% and customers stay 18 months on average. What is the simple CLV?
        """,
        ru="""
        **Упражнение 04.1.** Магазин кофейных зёрен: средний чек 25, клиенты заказывают дважды в месяц, маржа
        40%, в среднем клиент остаётся 18 месяцев. Чему равен простой CLV?
        """,
    ),
    code(
        """
        answer = ...  # your answer: use ck.formulas.simple_clv
        teach.check("04.1", answer, lang=lang)
        """
    ),
    md(
        en="""
        ## Historical CLV: what customers have already brought

        **Historical CLV** looks backwards: the margin each customer has brought so far, the sum of their
        purchases times the margin. It needs only the transaction log, one row per purchase. Ours is CDNOW,
        an online music store: every purchase of 2,357 customers who first bought in the first quarter of 1997,
        followed to June 1998.
        """,
        ru="""
        **Исторический CLV** смотрит назад: маржа, которую каждый клиент уже принёс, то есть сумма его покупок,
        умноженная на маржу. Для расчёта нужен только журнал покупок — одна строка на покупку. У нас это CDNOW,
        интернет-магазин музыки: все покупки 2 357 клиентов, впервые купивших в первом квартале 1997 года,
        с наблюдением до июня 1998-го.
        """,
    ),
    code(
        """
        tx = ck.datasets.load_cdnow_transactions()
        print({t_rows}, format_number(len(tx), lang, decimals=0))
        print({t_cust}, format_number(tx["customer_id"].nunique(), lang, decimals=0))
        print({t_dates}, tx["date"].min().date(), "—", tx["date"].max().date())
        tx.head()
        """,
        t_rows=tr(en="Purchases:", ru="Покупок:"),
        t_cust=tr(en="Customers:", ru="Клиентов:"),
        t_dates=tr(en="Dates:", ru="Даты:"),
    ),
    md(
        en="""
        CDNOW's margin is not public, so we take `margin=1.0` and get revenue to date; multiply by your own
        margin to turn it into profit.
        """,
        ru="""
        Маржа CDNOW не публикуется, поэтому возьмём `margin=1.0` и получим выручку на сегодня; чтобы перейти
        к прибыли, умножьте на свою маржу.
        """,
    ),
    code(
        """
        historical = ck.formulas.historical_clv(tx, margin=1.0)
        print({t_mean}, format_money(historical.mean(), lang))
        print({t_median}, format_money(historical.median(), lang))
        print({t_max}, format_money(historical.max(), lang))
        historical.head().round(2)
        """,
        t_mean=tr(en="Mean:", ru="Среднее:"),
        t_median=tr(en="Median:", ru="Медиана:"),
        t_max=tr(en="Largest:", ru="Наибольший:"),
    ),
    md(
        en="""
        The same numbers come from the customer summary that `ck.summarize` builds, one row per customer
        (`total_amount` is everything they spent); later notebooks use this summary all the time.
        """,
        ru="""
        Те же числа получаются из сводной таблицы клиентов, которую строит `ck.summarize`, — одна строка на
        клиента (`total_amount` — всё, что он потратил); в следующих тетрадках эта сводка встречается постоянно.
        """,
    ),
    code(
        """
        summary = ck.summarize(tx)
        from_summary = ck.formulas.historical_clv(summary, margin=1.0)
        print({t_same}, bool((from_summary - historical).abs().max() < 1e-9))
        summary[["frequency", "recency", "T", "total_amount"]].head().round(2)
        """,
        t_same=tr(en="Same values as from the log:", ru="Совпадает с расчётом по журналу:"),
    ),
    md(
        en="""
        The mean is more than twice the median: a few big buyers pull the average up, so "the average customer"
        is not a typical one. Historical CLV is a fact, not a forecast: it says nothing about who will buy
        again, and it favours customers we have simply known longer.

        **Exercise 04.2.** What is the historical CLV of customer 7 at a 25% margin, over the whole log `tx`?
        """,
        ru="""
        Среднее больше медианы более чем вдвое: несколько крупных покупателей тянут среднее вверх, поэтому
        «средний клиент» — не типичный клиент. Исторический CLV — это факт, а не прогноз: он ничего не говорит
        о том, кто купит снова, и выше у тех, кого мы просто знаем дольше.

        **Упражнение 04.2.** Чему равен исторический CLV клиента 7 при марже 25% по всему журналу `tx`?
        """,
    ),
    code(
        """
        answer = ...  # your answer: use ck.formulas.historical_clv
        teach.check("04.2", answer, lang=lang)
        """
    ),
    md(
        en="""
        ## Cohort averages

        A **cohort** is a group of customers acquired in the same period. Comparing cohorts of the same age is
        fair, unlike comparing a two-year-old customer with a new one. The table below is the revenue per
        acquired customer of each monthly cohort, month by month after the first purchase: month 0 is the
        first order, and later months are what the whole cohort (buyers and non-buyers alike) brought back.
        """,
        ru="""
        **Когорта** — группа клиентов, привлечённых в одном периоде. Сравнивать когорты одного «возраста»
        честно, в отличие от сравнения клиента, которого мы знаем два года, с новичком. Ниже — выручка на одного
        привлечённого клиента в каждой месячной когорте, месяц за месяцем после первой покупки: месяц 0 — первый
        заказ, дальше — то, что вся когорта (и купившие, и не купившие) принесла повторно.
        """,
    ),
    code(
        """
        per_customer = ck.cohort_table(tx, period="M", metric="revenue_per_customer")
        print({t_sizes}, {str(k): int(v) for k, v in per_customer.attrs["cohort_size"].items()})
        per_customer.iloc[:, :7].round(2)
        """,
        t_sizes=tr(en="Customers per cohort:", ru="Клиентов в когорте:"),
    ),
    code(
        """
        ax = ck.plots.plot_cohort_heatmap(per_customer, time_unit="M", lang=lang)
        """
    ),
    md(
        en="""
        After the first order, each month brings only a few dollars per acquired customer, and the amounts
        shrink. Adding the months up gives the **cohort-average LTV to date**: what an average customer of the
        cohort has brought after 6 and 12 months.
        """,
        ru="""
        После первого заказа каждый месяц приносит лишь несколько долларов на привлечённого клиента, и суммы
        уменьшаются. Сложив месяцы, получим **средний LTV когорты на текущий момент**: сколько средний клиент
        когорты принёс за 6 и за 12 месяцев.
        """,
    ),
    code(
        """
        to_date = per_customer.cumsum(axis=1)
        to_date[[0, 5, 11]].round(2).rename(columns={0: {m1}, 5: {m6}, 11: {m12}})
        """,
        m1=tr(en="1 month", ru="1 месяц"),
        m6=tr(en="6 months", ru="6 месяцев"),
        m12=tr(en="12 months", ru="12 месяцев"),
    ),
    md(
        en="""
        The cohorts are remarkably alike, which is why the cohort average is a popular, honest LTV figure.
        Its limit: it only tells you about the months you have already seen.

        ## Did the simple formula come true?

        Now the real test. Pretend it is the end of September 1997. We know each customer's purchases from
        their first order to 30 September 1997 (the **calibration** period) and want to predict their revenue
        over the next 39 weeks (to 30 June 1998, the **holdout** period). Then we look at what really happened.
        `split_calibration_holdout` gives both halves for the same customers.
        """,
        ru="""
        Когорты удивительно похожи друг на друга — поэтому средний LTV когорты так популярен и честен.
        Его предел: он говорит только о тех месяцах, которые мы уже видели.

        ## Сбылась ли простая формула?

        Теперь настоящая проверка. Представим, что сейчас конец сентября 1997 года. Мы знаем покупки каждого
        клиента от первого заказа до 30 сентября 1997 года (**период калибровки**) и хотим предсказать его
        выручку на следующие 39 недель (до 30 июня 1998 года, **отложенный период**). А потом посмотрим, что
        случилось на самом деле. Функция `split_calibration_holdout` даёт обе половины для одних и тех же
        клиентов.
        """,
    ),
    code(
        """
        cal, hold = ck.split_calibration_holdout(tx, calibration_end="1997-09-30", observation_end="1998-06-30")
        weeks = float(hold["duration_holdout"].iloc[0])
        print({t_cust}, format_number(len(cal), lang, decimals=0))
        print({t_weeks}, format_number(weeks, lang, decimals=0))
        hold.head()
        """,
        t_cust=tr(en="Customers:", ru="Клиентов:"),
        t_weeks=tr(en="Holdout period, weeks:", ru="Отложенный период, недель:"),
    ),
    md(
        en="""
        First for the **average customer**, exactly as a spreadsheet would do it: the average order value
        over all calibration purchases, the repeat purchase rate per customer per week, and a "lifetime" of the
        39 holdout weeks. Margin is 1, so the result is revenue.
        """,
        ru="""
        Сначала для **среднего клиента**, ровно так, как это сделали бы в таблице: средний чек по всем покупкам
        периода калибровки, частота повторных покупок на клиента в неделю и «срок жизни» — 39 недель
        отложенного периода. Маржа равна 1, так что результат — выручка.
        """,
    ),
    code(
        """
        aov = cal["total_amount"].sum() / (cal["frequency"] + 1).sum()
        rate = cal["frequency"].sum() / cal["T"].sum()  # repeat purchases per customer per week
        predicted = ck.formulas.simple_clv(aov, rate, 1.0, weeks)
        actual = (hold["frequency_holdout"] * hold["monetary_value_holdout"]).mean()
        print({t_aov}, format_money(aov, lang))
        print({t_rate}, format_number(rate, lang, decimals=4))
        print({t_pred}, format_money(predicted, lang))
        print({t_act}, format_money(actual, lang))
        print({t_over}, format_number(predicted / actual, lang, decimals=2))
        """,
        t_aov=tr(en="Average order value:", ru="Средний чек:"),
        t_rate=tr(en="Repeat purchases per customer per week:", ru="Повторных покупок на клиента в неделю:"),
        t_pred=tr(en="Simple formula, revenue per customer:", ru="Простая формула, выручка на клиента:"),
        t_act=tr(en="Actual revenue per customer:", ru="Фактическая выручка на клиента:"),
        t_over=tr(en="Overshoot, times:", ru="Завышение, раз:"),
    ),
    md(
        en="""
        The formula promised about half as much again as customers actually spent. Why? It assumes that
        **everybody stays** and keeps buying at their old pace. In reality many customers quietly stopped:
        """,
        ru="""
        Формула пообещала примерно в полтора раза больше, чем клиенты потратили на самом деле. Почему? Она
        предполагает, что **все остаются** и покупают в прежнем темпе. На деле многие клиенты тихо ушли:
        """,
    ),
    code(
        """
        came_back = hold["frequency_holdout"] > 0
        repeaters = cal["frequency"] > 0
        print({t_all}, format_percent(came_back.mean(), lang))
        print({t_rep}, format_percent(came_back[repeaters].mean(), lang))
        """,
        t_all=tr(en="Bought in the holdout, all customers:", ru="Купили в отложенном периоде, все клиенты:"),
        t_rep=tr(en="... of those who had bought again in calibration:",
                 ru="... из тех, кто покупал повторно в калибровке:"),
    ),
    md(
        en="""
        Now customer by customer: each customer's own average order × their own purchase rate × 39 weeks,
        next to what they actually spent, averaged by how many repeat purchases they made in calibration.
        """,
        ru="""
        Теперь по каждому клиенту: его собственный средний чек × его частота покупок × 39 недель рядом с тем,
        что он потратил на самом деле, — в среднем по группам с разным числом повторных покупок в калибровке.
        """,
    ),
    code(
        """
        compare = pd.DataFrame({
            "frequency": cal["frequency"],
            "predicted": cal["total_amount"] / (cal["frequency"] + 1) * cal["frequency"] / cal["T"] * weeks,
            "actual": hold["frequency_holdout"] * hold["monetary_value_holdout"],
        })
        groups = ck.plots.predicted_vs_actual(compare, by="frequency", predicted="predicted", actual="actual", top=7)
        groups.round(2)
        """
    ),
    code(
        """
        ax = ck.plots.plot_predicted_vs_actual(
            compare, by="frequency", predicted="predicted", actual="actual", top=7, currency="$",
            predicted_label={predicted}, actual_label={actual}, title={title}, xlabel={xlabel}, ylabel={ylabel},
            lang=lang,
        )
        """,
        predicted=tr(en="simple formula", ru="простая формула"),
        actual=tr(en="actual", ru="факт"),
        title=tr(en="Revenue in the 39 holdout weeks: formula vs reality",
                 ru="Выручка за 39 отложенных недель: формула и факт"),
        xlabel=tr(en="Repeat purchases in calibration", ru="Повторных покупок в калибровке"),
        ylabel=tr(en="Mean revenue per customer ($)", ru="Средняя выручка на клиента ($)"),
    ),
    md(
        en="""
        The picture tells two stories. For customers who came back, the formula overshoots in every group,
        and the best customers the most: some of them left, and those who stayed bought less often than at
        their peak. For the one-time buyers (group 0) it predicts nothing at all, yet some of them did return.
        Averages hide both errors. The probability models of notebook 06 fix them by allowing each customer
        to leave at some unseen moment.

        **Exercise 04.3.** Using the frame `compare`, by what factor does the simple formula overshoot the total
        holdout revenue of the customers who bought again at least once in calibration (`frequency >= 1`)?
        (The next cell shows how a hint looks.)
        """,
        ru="""
        На картинке две истории. Для вернувшихся клиентов формула завышает в каждой группе, а для лучших
        клиентов — сильнее всего: часть из них ушла, а оставшиеся покупали реже, чем на пике. Для купивших
        один раз (группа 0) она не предсказывает ничего, хотя часть из них вернулась. Средние прячут обе
        ошибки. Вероятностные модели из тетрадки 06 исправляют их, допуская, что каждый клиент может уйти в
        какой-то невидимый нам момент.

        **Упражнение 04.3.** По таблице `compare`: во сколько раз простая формула завышает суммарную выручку
        отложенного периода у клиентов, которые хотя бы раз купили повторно в калибровке (`frequency >= 1`)?
        (В следующей ячейке показано, как выглядит подсказка.)
        """,
    ),
    code(
        """
        teach.hint("04.3", lang=lang)
        """
    ),
    code(
        """
        answer = ...  # your answer: predicted total / actual total
        teach.check("04.3", answer, lang=lang)
        """
    ),
    md(
        en="""
        ## Key takeaways

        - Simple CLV = average order value × purchases per period × margin × lifetime; lifetime is often taken
          as 1 / churn rate.
        - Historical CLV is the margin a customer has already brought: a fact, not a forecast.
        - Cohort averages compare customers of the same age and give an honest LTV to date.
        - On CDNOW the simple formula promised about 1.5 times the revenue customers really brought in the
          next 39 weeks: it assumes nobody leaves. Discounting and retention (notebook 05) and probability
          models (notebook 06) fix that.

        **Previous:** [03 · Drivers](03_drivers.ipynb)

        **Next:** [05 · Discounting and retention →](05_discounting_and_retention.ipynb)
        """,
        ru="""
        ## Главное

        - Простой CLV = средний чек × покупок за период × маржа × срок жизни; срок жизни часто берут как
          1 / доля оттока.
        - Исторический CLV — маржа, которую клиент уже принёс: это факт, а не прогноз.
        - Средние по когортам сравнивают клиентов одного «возраста» и дают честный LTV на сегодня.
        - На данных CDNOW простая формула пообещала примерно в 1,5 раза больше выручки, чем клиенты принесли
          за следующие 39 недель: она предполагает, что никто не уходит. Дисконтирование и удержание
          (тетрадка 05) и вероятностные модели (тетрадка 06) это исправляют.

        **Назад:** [03 · Факторы CLV](03_drivers.ipynb)

        **Дальше:** [05 · Дисконтирование и удержание →](05_discounting_and_retention.ipynb)
        """,
    ),
]
