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
# Twenty questions over the whole course, from what CLV is to unit economics. Half of them ask for a
# decision: which channel to cut, which programme to fund, whom to call. Answer those with the choice
# and write your reason in a comment under it; the feedback then tells you whether the data agrees
# and why. Every figure the questions use is stated in the question, and every answer can be worked
# out with `clvkit` in a few lines (or on paper).
#
# **You will learn**
#
# - where you stand on the whole course: a score at the end, and the questions to look at again;
# - to make the course's decisions on figures you have not seen before.
#
# The questions come in pairs: each answer cell holds the two answers, `answer_1 = ...` for question 14.1
# and so on. Replace each `...` with your answer and run the cell; each question gets its own feedback.
# `teach.hint("14.1", lang=lang)` gives a nudge and `teach.solution("14.1", lang=lang)` the worked answer
# (try first: the score counts the last answer you checked, whoever found it).

# %% [markdown] lang="ru" en_hash="c90d123d"
# Двадцать вопросов по всему курсу — от того, что такое CLV, до юнит-экономики. Половина из них
# требует решения: какой канал отключить, какую программу профинансировать, кому позвонить. На такие
# вопросы отвечайте выбором, а причину записывайте комментарием под ответом; отзыв покажет, согласны
# ли с вами данные и почему. Все цифры, которые нужны, приведены в самих вопросах, и любой ответ можно
# получить с помощью `clvkit` в несколько строк (или на бумаге).
#
# **Вы научитесь**
#
# - понимать, насколько вы освоили курс: в конце — итоговый балл и вопросы, к которым стоит вернуться;
# - принимать решения из курса на цифрах, которых вы раньше не видели.
#
# Вопросы идут парами: в каждой ячейке ответа — два ответа, `answer_1 = ...` для вопроса 14.1 и так
# далее. Замените каждое `...` своим ответом и запустите ячейку; по каждому вопросу вы получите свой
# отзыв. `teach.hint("14.1", lang=lang)` даёт подсказку, а `teach.solution("14.1", lang=lang)` —
# разобранное решение (сначала попробуйте сами: в балл идёт последний проверенный ответ, кто бы его
# ни нашёл).

# %%
import pandas as pd
import clvkit as ck
from clvkit import teach
from clvkit import unit_economics as ue

ck.set_language(tr(en="en", ru="ru"))
lang = ck.get_language()
teach.forget(14)  # a fresh start: only the answers of this run count

# %% [markdown] exercise="14.1 14.2"
# *Exercises 14.1 and 14.2: the questions and the answer cell are written from clvkit/_exercises/nb13.py.*

# %% exercise="14.1 14.2"
# the answer cell of exercises 14.1 and 14.2 is written from clvkit/_exercises/nb13.py

# %% [markdown] exercise="14.3 14.4"
# *Exercises 14.3 and 14.4: the questions and the answer cell are written from clvkit/_exercises/nb13.py.*

# %% exercise="14.3 14.4"
# the answer cell of exercises 14.3 and 14.4 is written from clvkit/_exercises/nb13.py

# %% [markdown] exercise="14.5 14.6"
# *Exercises 14.5 and 14.6: the questions and the answer cell are written from clvkit/_exercises/nb13.py.*

# %% exercise="14.5 14.6"
# the answer cell of exercises 14.5 and 14.6 is written from clvkit/_exercises/nb13.py

# %% [markdown] exercise="14.7 14.8"
# *Exercises 14.7 and 14.8: the questions and the answer cell are written from clvkit/_exercises/nb13.py.*

# %% exercise="14.7 14.8"
# the answer cell of exercises 14.7 and 14.8 is written from clvkit/_exercises/nb13.py

# %% [markdown] exercise="14.9 14.10"
# *Exercises 14.9 and 14.10: the questions and the answer cell are written from clvkit/_exercises/nb13.py.*

# %% exercise="14.9 14.10"
# the answer cell of exercises 14.9 and 14.10 is written from clvkit/_exercises/nb13.py

# %% [markdown] exercise="14.11 14.12"
# *Exercises 14.11 and 14.12: the questions and the answer cell are written from clvkit/_exercises/nb13.py.*

# %% exercise="14.11 14.12"
# the answer cell of exercises 14.11 and 14.12 is written from clvkit/_exercises/nb13.py

# %% [markdown] exercise="14.13 14.14"
# *Exercises 14.13 and 14.14: the questions and the answer cell are written from clvkit/_exercises/nb13.py.*

# %% exercise="14.13 14.14"
# the answer cell of exercises 14.13 and 14.14 is written from clvkit/_exercises/nb13.py

# %% [markdown] exercise="14.15 14.16"
# *Exercises 14.15 and 14.16: the questions and the answer cell are written from clvkit/_exercises/nb13.py.*

# %% exercise="14.15 14.16"
# the answer cell of exercises 14.15 and 14.16 is written from clvkit/_exercises/nb13.py

# %% [markdown] exercise="14.17 14.18"
# *Exercises 14.17 and 14.18: the questions and the answer cell are written from clvkit/_exercises/nb13.py.*

# %% exercise="14.17 14.18"
# the answer cell of exercises 14.17 and 14.18 is written from clvkit/_exercises/nb13.py

# %% [markdown] exercise="14.19 14.20"
# *Exercises 14.19 and 14.20: the questions and the answer cell are written from clvkit/_exercises/nb13.py.*

# %% exercise="14.19 14.20"
# the answer cell of exercises 14.19 and 14.20 is written from clvkit/_exercises/nb13.py

# %% [markdown] lang="en"
# ## Your score
#
# The cell below counts the last answer you checked for each question. Run it again after you have
# revisited the questions it names.

# %% [markdown] lang="ru" en_hash="0d62abba"
# ## Ваш результат
#
# Ячейка ниже учитывает последний проверенный ответ на каждый вопрос. Запустите её ещё раз, когда
# вернётесь к вопросам, которые она назовёт.

# %%
teach.score(14, lang=lang)

# %% [markdown] lang="en"
# ## Key takeaways
#
# - A CLV is worth computing when it changes a decision: what a customer may cost, which channel,
#   programme or customer gets the money, and over which horizon it is judged.
# - Most wrong answers come from three slips: taking this year's margin for the value, forgetting
#   that customers leave, and counting churn twice.
#
# ## Your project
#
# The capstone puts the course to work on a whole customer base: value your own customers (or the
# supplied example), pick two actions and defend them. The brief and the rubric it is assessed by:
# [docs/training/capstone.en.md](../../docs/training/capstone.en.md).

# %% [markdown] lang="ru" en_hash="bac63789"
# ## Главное
#
# - CLV стоит считать, когда он меняет решение: сколько может стоить клиент, какой канал, программа
#   или клиент получит деньги и на каком горизонте это оценивается.
# - Большинство неверных ответов — от трёх ошибок: маржу этого года принимают за ценность клиента,
#   забывают, что клиенты уходят, и учитывают отток дважды.
#
# ## Ваш проект
#
# Итоговый проект применяет курс ко всей клиентской базе: оцените своих клиентов (или клиентов из
# готового примера), выберите два действия и обоснуйте их. Задание и критерии оценки:
# [docs/training/capstone.ru.md](../../docs/training/capstone.ru.md).
