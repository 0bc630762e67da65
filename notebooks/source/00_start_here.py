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
# Welcome to **clvkit**, a hands-on course on **Customer Lifetime Value (CLV)**: what a customer is worth
# to your business over the whole relationship, and how to raise it.
#
# **You will learn**
#
# - how to run a cell and answer an exercise;
# - which notebook answers which question, and which path to take.

# %% [markdown] lang="ru" en_hash="c3a06998"
# Добро пожаловать в **clvkit** — практический курс о **пожизненной ценности клиента (CLV)**: сколько
# клиент приносит бизнесу за всё время отношений и как эту сумму увеличить.
#
# **Вы научитесь**
#
# - запускать ячейку и выполнять упражнения;
# - находить блокнот, который отвечает на ваш вопрос, и выбирать свой путь.

# %%
import clvkit as ck
from clvkit import teach

ck.set_language(tr(en="en", ru="ru"))
# The course's data are in US dollars; the Russian track shows them in roubles at the course's fixed rate.
currency = tr(en="USD", ru="RUB")
ck.set_currency(currency)
lang = ck.get_language()
print(tr(en="clvkit is ready.", ru="clvkit готов к работе."))

# %% [markdown] lang="en"
# ## How the course works
#
# Click a grey code cell and press **Shift+Enter**; the `clvkit` package computes every number, so the
# same code runs on your own data (notebook 11). The **marketer path** (00–14) is one training day, six
# hours at most; the **analyst path** (15–17) comes on top. Minutes follow one rule: 150 words a minute,
# a minute per code cell, four per exercise.

# %% [markdown] lang="ru" en_hash="cc9a05fa"
# ## Как устроен курс
#
# Щёлкните по серой ячейке с кодом и нажмите **Shift+Enter**; все числа считает пакет `clvkit`, поэтому
# тот же код запускается и на ваших данных (блокнот 11). Суммы в русской версии — в рублях по
# условному курсу 100 ₽ за доллар. **Путь маркетолога** (00–14) — один учебный день, не больше шести часов
# с упражнениями; **путь аналитика** (15–17) надстроен над ним. Время на каждый блокнот оценено по одному
# правилу: 150 слов в минуту, минута на ячейку с кодом, четыре на упражнение.

# %% [markdown] lang="en"
# ## The course map
#
# <!-- course-map -->

# %% [markdown] lang="ru" en_hash="bec69e50"
# ## Карта курса
#
# <!-- course-map -->

# %% [markdown] exercise="00.1 00.2"
# *Exercises 00.1 and 00.2: the questions and the answer cell are written from clvkit/_exercises/nb00.py.*

# %% exercise="00.1 00.2"
# the answer cell of exercises 00.1 and 00.2 is written from clvkit/_exercises/nb00.py

# %% [markdown] lang="en"
# ## Key takeaways
#
# - Shift+Enter runs a cell; `clvkit` computes every number.
# - Pick a notebook by its question, and plan by its minutes.

# %% [markdown] lang="ru" en_hash="7c28ac48"
# ## Главное
#
# - Shift+Enter запускает ячейку; все числа считает `clvkit`.
# - Выбирайте блокнот по вопросу, на который он отвечает, и планируйте время по карте курса.

# %% [markdown] lang="en"
# ## Review questions
#
# 1. Which question of your team goes to which notebook?
# 2. Which path fits you, and why?
# 3. Plan a half day for your team from the map.
# 4. What do you need to run the code on your own customers?

# %% [markdown] lang="ru" en_hash="cecb002b"
# ## Вопросы для самопроверки
#
# 1. С каким вопросом вашей команды вы пойдёте в какой блокнот?
# 2. Какой путь подходит вам и почему?
# 3. Как бы вы спланировали по карте полдня обучения для своей команды?
# 4. Что понадобится, чтобы запустить код курса на своих клиентах?
