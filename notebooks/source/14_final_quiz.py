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
# Twenty questions over the training day, from what CLV is to unit economics. Every figure a question
# needs is in the question; none needs a model fit. Ten ask for a decision and its reason: write the
# decision, then the key of the one listed reason that justifies it (`decision_2 = ...`,
# `reason_2 = ...`); both must be right. The others take a number, a list or True/False (`answer_1 = ...`).
# Mind when the first margin comes: counting one now, not in a year, adds a whole margin to the CLV, so
# the questions where it matters say which.
#
# **You will learn**
#
# - where you stand on the whole course: a score at the end, and the questions to look at again;
# - to make the course's decisions on figures you have not seen before.
#
# Run each answer cell after filling it in. `teach.hint("14.1", lang=lang)` gives a nudge,
# `teach.solution("14.1", lang=lang)` the worked answer.

# %% [markdown] lang="ru" en_hash="ed79f23a"
# Двадцать вопросов по всему дню обучения — от того, что такое CLV, до юнит-экономики. Все нужные цифры
# приведены в самих вопросах; обучать модель не нужно. Десять вопросов требуют решения и его причины:
# запишите решение, а затем ключ той из перечисленных причин, которая его обосновывает (`decision_2 = ...`,
# `reason_2 = ...`); верными должны быть оба. В остальных ответ — число, список или True/False
# (`answer_1 = ...`). Следите за тем, когда приходит первая маржа: если она приходит сразу, а не через год,
# CLV больше на целую маржу, поэтому в вопросах, где это важно, это сказано.
#
# **Вы научитесь**
#
# - понимать, насколько вы освоили курс: в конце — итоговый балл и вопросы, к которым стоит вернуться;
# - принимать решения из курса на цифрах, которых вы раньше не видели.
#
# Заполнив ячейку ответа, запустите её. `teach.hint("14.1", lang=lang)` даёт подсказку,
# `teach.solution("14.1", lang=lang)` — разобранное решение.

# %%
import pandas as pd
import clvkit as ck
from clvkit import teach
from clvkit import unit_economics as ue

ck.set_language(tr(en="en", ru="ru"))
lang = ck.get_language()
teach.forget(14)  # a fresh start: only the answers of this run count

# %% [markdown] exercise="14.1 14.2 14.3 14.4 14.5"
# *Exercises 1-5: the questions and the answer cell are written from clvkit/_exercises/nb14.py.*

# %% exercise="14.1 14.2 14.3 14.4 14.5"
# the answer cell of exercises 14.1-14.5 is written from clvkit/_exercises/nb14.py

# %% [markdown] exercise="14.6 14.7 14.8 14.9 14.10"
# *Exercises 6-10: the questions and the answer cell are written from clvkit/_exercises/nb14.py.*

# %% exercise="14.6 14.7 14.8 14.9 14.10"
# the answer cell of exercises 14.6-14.10 is written from clvkit/_exercises/nb14.py

# %% [markdown] exercise="14.11 14.12 14.13 14.14 14.15"
# *Exercises 11-15: the questions and the answer cell are written from clvkit/_exercises/nb14.py.*

# %% exercise="14.11 14.12 14.13 14.14 14.15"
# the answer cell of exercises 14.11-14.15 is written from clvkit/_exercises/nb14.py

# %% [markdown] exercise="14.16 14.17 14.18 14.19 14.20"
# *Exercises 16-20: the questions and the answer cell are written from clvkit/_exercises/nb14.py.*

# %% exercise="14.16 14.17 14.18 14.19 14.20"
# the answer cell of exercises 14.16-14.20 is written from clvkit/_exercises/nb14.py

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
