"""Exercises of notebook 00 (start here): two decisions answered from the course map."""

from __future__ import annotations

from ..teach import Exercise

#: Exercise 00.2: the plans of a 90-minute session, as notebook numbers.
PLANS = {"a": ("00", "01", "05"), "b": ("00", "01", "02", "03"), "c": ("05", "16")}
SESSION_MINUTES = 90

EXERCISES = [
    Exercise(
        key="00.1",
        kind="decision",
        expected=("02", "r1"),
        options=("01", "02", "07"),
        synonyms={"01": ("1",), "02": ("2",), "07": ("7",)},
        question={
            "en": "Your head of marketing asks: how much may we pay for a new customer from paid search? Which "
                  "notebook do you open first?",
            "ru": "Руководитель маркетинга спрашивает: сколько можно платить за нового клиента из платного поиска? "
                  "Какой блокнот вы откроете первым?",
        },
        prompt={"en": '"01", "02" or "07"', "ru": '"01", "02" или "07"'},
        reasons={
            "r1": {"en": "its line in the map promises that answer", "ru": "его строка в карте обещает этот ответ"},
            "r2": {"en": "the course is taken in order", "ru": "курс проходят по порядку"},
            "r3": {"en": "a higher CLV pays for dearer ads", "ru": "более высокий CLV оплачивает дорогую рекламу"},
        },
        explain={
            "01": {"en": "01 defines CLV and values one customer; it does not say what a new customer may cost.",
                   "ru": "01 определяет CLV и оценивает одного клиента, но не говорит, сколько может стоить новый."},
            "02": {"en": "02 sets a ceiling on acquisition cost from CLV.",
                   "ru": "02 задаёт потолок стоимости привлечения исходя из CLV."},
            "07": {"en": "07 simulates programmes that raise the CLV of customers you already have; it does not set "
                         "what a new customer may cost.",
                   "ru": "07 моделирует программы, которые повышают CLV уже имеющихся клиентов; потолок цены нового "
                         "клиента он не задаёт."},
            "r1": {"en": "Right: the map's line for 02 reads: set a ceiling on acquisition cost.",
                   "ru": "Верно: в строке 02 карты сказано: задать потолок стоимости привлечения."},
            "r2": {"en": "In order, 01 would come first; you open 02 because its line in the map answers the question.",
                   "ru": "По порядку первым был бы 01; а открываете вы 02, потому что его строка в карте отвечает на "
                         "вопрос."},
            "r3": {"en": "That is a reason for 07, which raises CLV; the question is what a new customer may cost, "
                         "and the map gives that line to 02.",
                   "ru": "Это довод за 07, который повышает CLV; а вопрос — сколько может стоить новый клиент, и в "
                         "карте это строка 02."},
        },
        feedback={"en": "The map's last column says what each notebook lets you do.",
                  "ru": "Последний столбец карты говорит, что позволяет сделать каждый блокнот."},
        hint={"en": "Read the last column of the course map: which line speaks of what a new customer may cost?",
              "ru": "Прочитайте последний столбец карты курса: в какой строке говорится о том, сколько может стоить "
                    "новый клиент?"},
        solution={"en": 'decision_1, reason_1 = "02", "r1"  # 02: set a ceiling on acquisition cost',
                  "ru": 'decision_1, reason_1 = "02", "r1"  # 02: задать потолок стоимости привлечения'},
    ),
    Exercise(
        key="00.2",
        kind="decision",
        expected=("a", "r1"),
        options=("a", "b", "c"),
        # a Russian keyboard gives the look-alikes «а», «с», or «б» for b
        synonyms={"a": ("а",), "b": ("б",), "c": ("с",)},
        question={
            "en": "The sales team has 90 minutes and one question: which customers to call first. Which plan do you "
                  "take: **a** notebooks 00, 01, 05; **b** 00 to 03; **c** 05 and 16?",
            "ru": "У отдела продаж 90 минут и один вопрос: кому звонить в первую очередь. Какой план вы выберете: "
                  "**a** блокноты 00, 01, 05; **b** с 00 по 03; **c** 05 и 16?",
        },
        prompt={"en": '"a", "b" or "c"', "ru": '"a", "b" или "c"'},
        reasons={
            "r1": {"en": "it fits the time and ends where the question is answered",
                   "ru": "он укладывается во время и заканчивается там, где дан ответ"},
            "r2": {"en": "it keeps the course order", "ru": "он сохраняет порядок курса"},
            "r3": {"en": "the models in depth give the best call list",
                   "ru": "подробные модели дают лучший список для звонков"},
        },
        explain={
            "a": {"en": "a fits 90 minutes by the map and ends with 05, whose line reads: decide whom to call first.",
                  "ru": "a укладывается в 90 минут по карте и заканчивается блокнотом 05, где сказано: решать, кому "
                        "звонить первым."},
            "b": {"en": "b keeps the order but never reaches 05, the notebook that answers whom to call first.",
                  "ru": "b сохраняет порядок, но не доходит до 05 — блокнота, который отвечает, кому звонить первым."},
            "c": {"en": "c skips what CLV is, and 16 is on the analyst path: how models are fitted, not whom to call.",
                  "ru": "c пропускает, что такое CLV, а 16 — из пути аналитика: как обучают модели, а не кому звонить."},
            "r1": {"en": "Right: by the map's minutes it fits, and its last notebook is the one for the question.",
                   "ru": "Верно: по минутам карты он укладывается, а его последний блокнот — как раз для этого вопроса."},
            "r2": {"en": "Keeping the order is plan b's merit, not a's; a is right because it reaches the answer in time.",
                   "ru": "Порядок сохраняет план b, а не a; a верен потому, что успевает дойти до ответа."},
            "r3": {"en": "The models in depth are 16, in plan c; plan a uses what the model tells you (05), which is "
                         "enough to make the list.",
                   "ru": "Подробные модели — это 16 из плана c; план a берёт то, что модель говорит о клиенте (05), "
                         "и этого хватает для списка."},
        },
        feedback={"en": "Plan from the map: the question picks the notebook, the minutes pick how much fits.",
                  "ru": "Планируйте по карте: вопрос выбирает блокнот, а минуты — сколько успеть."},
        hint={"en": "Add the minutes of each plan from the map, and find the notebook whose line speaks of whom to call.",
              "ru": "Сложите минуты каждого плана по карте и найдите блокнот, в строке которого говорится, кому "
                    "звонить."},
        solution={"en": 'decision_2, reason_2 = "a", "r1"  # 00 + 01 + 05 fit 90 minutes and 05 answers the question',
                  "ru": 'decision_2, reason_2 = "a", "r1"  # 00 + 01 + 05 укладываются в 90 минут, и 05 отвечает на вопрос'},
    ),
]
