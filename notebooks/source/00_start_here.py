"""Notebook 00: how the course works, the course map and the four kinds of customer relationship."""

from build import code, md, tr

CELLS = [
    md(
        en="""
        # 00 · Start here

        Welcome to **clvkit**, a hands-on course on **Customer Lifetime Value (CLV)**: how much a customer
        is worth to your business over the whole relationship, and what you can do to raise it.

        **You will learn**

        - how to run a cell, move a slider and check an exercise;
        - which notebook answers which question (the course map below);
        - the four kinds of customer relationship, and why the kind decides how CLV is measured.
        """,
        ru="""
        # 00 · С чего начать

        Добро пожаловать в **clvkit** — практический курс о **пожизненной ценности клиента (CLV)**: сколько
        клиент приносит бизнесу за всё время отношений и что можно сделать, чтобы эта сумма росла.

        **Вы научитесь**

        - запускать ячейку, двигать ползунок и проверять упражнение;
        - находить тетрадку, которая отвечает на ваш вопрос (карта курса ниже);
        - различать четыре типа отношений с клиентом и понимать, почему от типа зависит способ расчёта CLV.
        """,
    ),
    md(
        en="""
        ## How to use the notebooks

        Click a grey **code cell** and press **Shift+Enter** to run it; the result appears below it. Every
        number is computed by the `clvkit` package, so you can run the same code on your own data later
        (notebook 11). Start by loading the kit:
        """,
        ru="""
        ## Как работать с тетрадками

        Щёлкните по серой **ячейке с кодом** и нажмите **Shift+Enter** — результат появится под ней. Все
        числа считает пакет `clvkit`, поэтому тот же код потом можно запустить на ваших данных (тетрадка 11).
        Для начала подключим инструменты:
        """,
    ),
    code(
        """
        import clvkit as ck
        from clvkit import teach

        lang = {lang}
        """
    ),
    md(
        en="""
        ## A first look at real customers

        The course uses a real dataset: every purchase of 2,357 customers of CDNOW, an online music store,
        who first bought in early 1997. Each row below is one customer: how many times they came **back**
        (`frequency`), how long after their first purchase they last bought (`recency`, in weeks), how long
        we have known them (`T`, weeks) and their average repeat order (`monetary_value`, dollars).
        """,
        ru="""
        ## Первый взгляд на реальных клиентов

        В курсе используются реальные данные: все покупки 2 357 клиентов интернет-магазина музыки CDNOW,
        впервые купивших в начале 1997 года. Каждая строка ниже — один клиент: сколько раз он **вернулся**
        (`frequency`, частота повторных покупок), через сколько недель после первой покупки купил в последний
        раз (`recency`), сколько недель мы его знаем (`T`) и его средний чек повторных покупок
        (`monetary_value`, в долларах).
        """,
    ),
    code(
        """
        summary = ck.datasets.load_cdnow_summary()
        summary[["frequency", "recency", "T", "monetary_value"]].head().round(2)
        """
    ),
    md(
        en="""
        Most customers never come back, and those who do come back less and less over time. The chart shows,
        for customers acquired in each month, the share who bought again 1, 2, 3 … months later. This fading
        is what CLV models have to predict.
        """,
        ru="""
        Большинство клиентов не возвращаются, а вернувшиеся покупают всё реже. На графике — доля клиентов,
        привлечённых в каждом месяце, которые снова купили через 1, 2, 3 … месяца. Именно это угасание
        и должны предсказывать модели CLV.
        """,
    ),
    code(
        """
        retention = ck.cohort_table(ck.datasets.load_cdnow_transactions(), period="M", metric="retention")
        ax = ck.plots.plot_cohort_heatmap(retention, lang=lang)
        """
    ),
    md(
        en="""
        ## Move a slider

        Explorers like this one appear throughout the course. Drag a slider (or click it and use the arrow
        keys): the headline CLV, the chart and the figures next to it change at once. Try raising retention
        from 80% to 90% and watch CLV — retention is usually the strongest lever.
        """,
        ru="""
        ## Подвигайте ползунок

        Такие интерактивные панели встречаются по всему курсу. Потяните ползунок (или щёлкните по нему
        и нажимайте стрелки): CLV в заголовке, график и цифры рядом изменятся сразу. Поднимите удержание
        с 80% до 90% и посмотрите на CLV — удержание обычно самый сильный рычаг.
        """,
    ),
    code(
        """
        ck.widgets.DriverExplorer(aov=50, purchases_per_period=1, margin=0.3, retention=0.8, lang=lang)
        """,
        widget=True,
    ),
    md(
        en="""
        ## Four kinds of customer relationship

        How you measure CLV depends on two questions. **Do you see customers leave?** With a contract
        (a subscription, a phone plan) you do: that is a *contractual* setting. A shop or a café never hears
        that a customer has left, they just stop coming: *non-contractual*. **When can purchases happen?** At
        fixed moments (a yearly renewal, an annual conference): *discrete*; at any time: *continuous*.

        | | discrete (fixed moments) | continuous (any time) |
        |---|---|---|
        | **contractual** | a) yearly magazine subscription, annual insurance — *sBG model, notebook 05* | b) mobile plan you can cancel any day |
        | **non-contractual** | c) yearly charity appeal, annual event — *BG/BB model, notebook 06* | d) online shop, coffee chain — *BG/NBD, Pareto/NBD, notebook 06* |

        **Exercise 00.1.** A magazine subscription renews once a year. Which cell of the map is it:
        `"a"`, `"b"`, `"c"` or `"d"`?
        """,
        ru="""
        ## Четыре типа отношений с клиентом

        Способ расчёта CLV зависит от двух вопросов. **Видите ли вы уход клиента?** Если есть договор
        (подписка, тариф связи) — видите: это *контрактная* ситуация. Магазин или кофейня никогда не узнают,
        что клиент ушёл, он просто перестаёт приходить: *неконтрактная*. **Когда возможна покупка?**
        В фиксированные моменты (ежегодное продление, ежегодная конференция) — *дискретная*; в любой
        момент — *непрерывная*.

        | | дискретная (фиксированные моменты) | непрерывная (в любой момент) |
        |---|---|---|
        | **контрактная** | a) годовая подписка на журнал, годовая страховка — *модель sBG, тетрадка 05* | b) тариф связи, который можно отключить в любой день |
        | **неконтрактная** | c) ежегодный благотворительный сбор, ежегодное событие — *модель BG/BB, тетрадка 06* | d) интернет-магазин, сеть кофеен — *BG/NBD, Pareto/NBD, тетрадка 06* |

        **Упражнение 00.1.** Подписка на журнал продлевается раз в год. В какой клетке карты она находится:
        `"a"`, `"b"`, `"c"` или `"d"`?
        """,
    ),
    code(
        """
        answer = ...  # your answer: "a", "b", "c" or "d"
        teach.check("00.1", answer, lang=lang)
        """
    ),
    md(
        en="""
        **Exercise 00.2.** How many customers are in the CDNOW summary you loaded above? Use the variable
        `summary`. (If you get stuck, run `teach.hint("00.2", lang=lang)`; to see the answer,
        `teach.solution("00.2", lang=lang)`.)
        """,
        ru="""
        **Упражнение 00.2.** Сколько клиентов в сводной таблице CDNOW, загруженной выше? Используйте переменную
        `summary`. (Если застряли, выполните `teach.hint("00.2", lang=lang)`; чтобы увидеть ответ —
        `teach.solution("00.2", lang=lang)`.)
        """,
    ),
    code(
        """
        answer = ...  # your answer, e.g. len(summary)
        teach.check("00.2", answer, lang=lang)
        """
    ),
    code(
        """
        teach.hint("00.2", lang=lang)
        """
    ),
    md(
        en="""
        ## The course map

        | # | notebook | after it you can |
        |---|---|---|
        | 00 | [Start here](00_start_here.ipynb) | run cells, move sliders, pick the notebook for your question |
        | 01 | [What is CLV](01_what_is_clv.ipynb) | say what CLV is and is not, and compute one customer's CLV from a cash-flow timeline |
        | 02 | [Why CLV matters](02_why_clv_matters.ipynb) | set a ceiling on acquisition cost, read LTV:CAC and payback, split a budget across channels |
        | 03 | [Drivers](03_drivers.ipynb) | rank the drivers of CLV and explain how satisfaction and engagement act through retention and frequency |
        | 04 | [Simple and historical CLV](04_simple_and_historical.ipynb) | compute simple and historical CLV from a log, and see where the simple formula overshoots |
        | 05 | [Discounting and retention](05_discounting_and_retention.ipynb) | value a subscriber with discounted cash flows and the sBG retention model |
        | 06 | [Predictive models](06_predictive_models.ipynb) | fit BG/NBD and friends, read P(alive) and expected purchases, value every customer |
        | 07 | [Validating models](07_validating_models.ipynb) | decide whether to trust a CLV model, and say why |
        | 08 | [Segments and analytics](08_segments_and_analytics.ipynb) | build RFM segments, value tiers and target lists |
        | 09 | [Increasing CLV](09_increasing_clv.ipynb) | simulate a loyalty, personalisation or upsell programme and find its break-even cost |
        | 10 | [Case studies](10_case_studies.ipynb) | carry a whole analysis through for a retailer, a subscription service and a coffee chain |
        | 11 | [Your own data](11_your_own_data.ipynb) | load, check, value, segment and export your own customers |

        No code at all? The **CLV calculator** app (`clvkit-app` in a terminal) offers the drivers and the
        strategy simulator on one page.

        ## Key takeaways

        - Run cells with Shift+Enter; every number comes from the `clvkit` package.
        - Most customers never come back; CLV is about predicting who will, and for how long.
        - Whether you see customers leave, and when they can buy, decides which CLV model fits.

        **Next:** [01 · What is CLV →](01_what_is_clv.ipynb)
        """,
        ru="""
        ## Карта курса

        | № | тетрадка | после неё вы сможете |
        |---|---|---|
        | 00 | [С чего начать](00_start_here.ipynb) | запускать ячейки, двигать ползунки, выбирать тетрадку под свой вопрос |
        | 01 | [Что такое CLV](01_what_is_clv.ipynb) | объяснить, что такое CLV и чем он не является, и посчитать CLV одного клиента по его денежным потокам |
        | 02 | [Почему CLV важен](02_why_clv_matters.ipynb) | задать потолок стоимости привлечения, читать LTV:CAC и срок окупаемости, делить бюджет между каналами |
        | 03 | [Факторы CLV](03_drivers.ipynb) | ранжировать факторы CLV и объяснить, как удовлетворённость и вовлечённость действуют через удержание и частоту покупок |
        | 04 | [Простой и исторический CLV](04_simple_and_historical.ipynb) | считать простой и исторический CLV по журналу покупок и видеть, где простая формула завышает |
        | 05 | [Дисконтирование и удержание](05_discounting_and_retention.ipynb) | оценить подписчика с помощью дисконтированных денежных потоков и модели удержания sBG |
        | 06 | [Прогнозные модели](06_predictive_models.ipynb) | обучать BG/NBD и родственные модели, читать P(alive) и ожидаемые покупки, оценивать каждого клиента |
        | 07 | [Проверка моделей](07_validating_models.ipynb) | решать, можно ли доверять модели CLV, и обосновывать это |
        | 08 | [Сегменты и аналитика](08_segments_and_analytics.ipynb) | строить RFM-сегменты, уровни ценности и списки для кампаний |
        | 09 | [Как увеличить CLV](09_increasing_clv.ipynb) | моделировать программу лояльности, персонализацию или апсейл и находить их точку безубыточности |
        | 10 | [Примеры из практики](10_case_studies.ipynb) | провести полный анализ для интернет-магазина, подписочного сервиса и сети кофеен |
        | 11 | [Ваши данные](11_your_own_data.ipynb) | загрузить, проверить, оценить, сегментировать и выгрузить своих клиентов |

        Совсем без кода? Приложение **калькулятор CLV** (команда `clvkit-app` в терминале) собирает факторы
        и симулятор стратегий на одной странице.

        ## Главное

        - Ячейки запускаются по Shift+Enter; все числа считает пакет `clvkit`.
        - Большинство клиентов не возвращаются; CLV — это прогноз того, кто вернётся и надолго ли.
        - От того, видите ли вы уход клиента и когда он может купить, зависит, какая модель CLV подходит.

        **Дальше:** [01 · Что такое CLV →](01_what_is_clv.ipynb)
        """,
    ),
]
