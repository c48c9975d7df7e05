# UMIS back office: Russian.
app-subtitle = Единая миграционная информационная система
skip-to-content = Перейти к содержимому
nav-label = Основная навигация
lang-label = Язык
logout = Выйти
footer-text = Государственная миграционная служба · каждый доступ к персональным данным регистрируется
yes = Да
no = Нет
actions = Действия
save = Сохранить

nav-home = Главная
nav-home-about = Обзор вашей работы.
nav-users = Пользователи
nav-users-about = Создание, блокировка и просмотр учётных записей сотрудников.
nav-tokens = API-клиенты
nav-tokens-about = Выдача и отзыв токенов для ведомств-партнёров.
nav-security = Безопасность
nav-security-about = Правила второго фактора по ролям.
nav-audit = Журнал аудита
nav-audit-about = Кто, когда и к чему обращался или что изменял.
nav-account = Моя учётная запись
nav-account-about = Пароль и второй фактор.

role-case-officer = Исполнитель
role-decision-maker = Лицо, принимающее решение
role-inspector = Инспектор
role-analyst = Аналитик
role-auditor = Аудитор
role-admin = Администратор

login-title = Вход
login-username = Имя пользователя
login-password = Пароль
login-code = Одноразовый код
login-code-hint = (если для учётной записи включён второй фактор)
login-submit = Войти
login-bye = Вы вышли из системы.
login-expired = Ваш сеанс завершён. Войдите снова, чтобы продолжить.
login-failed = Неверное имя пользователя или пароль.
login-locked = Слишком много неудачных попыток. Подождите и попробуйте снова.
login-code-required = Введите текущий 6-значный код из приложения-аутентификатора.

home-welcome = Добро пожаловать, { $name }
home-role = Роль
home-office = Подразделение
home-second-factor = Второй фактор
home-sections = Ваши разделы

error-title = Ошибка
error-back-home = На главную страницу
error-bad-request = Запрос не удалось разобрать.
error-bad-form = Не удалось прочитать данные формы. Обновите страницу и попробуйте снова.
error-forbidden = У вас нет прав на эту страницу.
error-csrf = Форма устарела или отправлена не с этого сайта. Обновите страницу и попробуйте снова.
error-not-found = Страница не существует.
error-conflict = Изменение противоречит имеющимся данным.
error-too-large = Отправленные данные слишком велики.
error-internal = На нашей стороне произошла ошибка. Она записана в журнал.
error-unknown-language = Неизвестный язык.

account-mfa-required = Для вашей роли обязателен второй фактор. Настройте его, чтобы продолжить.
account-totp = Второй фактор (приложение-аутентификатор)
account-totp-instructions = Добавьте этот ключ в приложение-аутентификатор и введите показанный 6-значный код.
account-totp-confirm = Подтвердить
account-totp-on = Второй фактор включён: при входе запрашивается одноразовый код.
account-totp-off = Второй фактор выключен.
account-totp-turn-off = Выключить
account-totp-start = Настроить новый аутентификатор
account-totp-enabled = Второй фактор включён.
account-totp-disabled = Второй фактор выключен.
account-totp-wrong-code = Код неверен. Проверьте часы устройства и попробуйте снова.
account-password = Пароль
account-password-current = Текущий пароль
account-password-new = Новый пароль (не менее 12 символов)
account-password-confirm = Повторите новый пароль
account-password-change = Сменить пароль
account-password-mismatch = Новые пароли не совпадают.
account-password-wrong = Текущий пароль неверен.
account-password-weak = Пароль должен содержать от 12 до 256 символов.

users-count = { $count ->
    [one] { $count } учётная запись
    [few] { $count } учётные записи
    [many] { $count } учётных записей
   *[other] { $count } учётной записи
}
users-username = Имя пользователя
users-role = Роль
users-office = Подразделение
users-second-factor = Второй фактор
users-last-login = Последний вход
users-status = Состояние
users-mfa-exempt = Освобождён (демо)
users-disabled-badge = Заблокирована
users-active-badge = Активна
users-enable = Разблокировать
users-disable = Заблокировать
users-new = Новая учётная запись
users-password = Начальный пароль
users-create = Создать учётную запись
users-created = Учётная запись создана.
users-disabled = Учётная запись заблокирована, её сеансы завершены.
users-enabled = Учётная запись разблокирована.
users-error-username = 3–64 символа: строчные латинские буквы, цифры, точка, подчёркивание или дефис.
users-error-role = Выберите одну из перечисленных ролей.
users-error-password = Пароль должен содержать от 12 до 256 символов.
users-error-office = Выберите одно из перечисленных подразделений.
users-error-taken = Это имя пользователя уже занято.

tokens-issued = Токен выдан
tokens-issued-once = Скопируйте его сейчас и передайте ведомству по защищённому каналу: повторно он показан не будет.
tokens-client = Клиент
tokens-prefix = Токен
tokens-scopes = Области доступа
tokens-created = Выдан
tokens-expires = Истекает
tokens-last-used = Последнее использование
tokens-status-revoked = Отозван
tokens-status-expired = Истёк
tokens-status-active = Действует
tokens-revoke = Отозвать
tokens-new = Выдать токен
tokens-expires-days = Срок действия (дней; пусто — бессрочно)
tokens-create = Выдать токен
tokens-revoked = Токены клиента отозваны.
tokens-error-expiry = Введите целое число дней от 1 до 3650.
tokens-error-scopes = Выберите хотя бы одну область доступа.
tokens-error-client = 3–64 символа: строчные латинские буквы, цифры, точка, подчёркивание или дефис.

security-mfa = Обязательный второй фактор
security-mfa-about = Сотрудники отмеченных ролей должны настроить приложение-аутентификатор, прежде чем смогут работать.
security-mfa-roles = Роли, для которых обязателен второй фактор
security-saved = Настройки сохранены.

audit-actor = Субъект
audit-person = Лицо
audit-action = Действие
audit-action-hint = Точное имя или префикс с точкой на конце (например, user.)
audit-from = С
audit-to = По
audit-filter = Отобрать
audit-entries-count = { $count ->
    [one] { $count } запись
    [few] { $count } записи
    [many] { $count } записей
   *[other] { $count } записи
}
audit-time = Время
audit-object = Объект
audit-outcome = Результат
audit-address = Адрес
audit-details = Подробности
audit-older = Более ранние записи
audit-error-date = Введите дату в формате ГГГГ-ММ-ДД.
audit-outcome-ok = Выполнено
audit-outcome-denied = Отказано
audit-outcome-failed = Ошибка

scope-persons-read = чтение лиц, документов и статуса
scope-persons-write = создание и изменение лиц
scope-screening-read = проверка путешественников по спискам наблюдения и запретам на въезд
scope-border-events-write = передача событий въезда и выезда на границе
scope-stay-registrations-write = регистрация иностранцев по месту пребывания
scope-applications-read = чтение заявлений и решений
scope-applications-write = подача и изменение заявлений
scope-checks-answer = ответы на межведомственные запросы
scope-stats-read = чтение статистики
audit-actor-user = сотрудник
audit-actor-client = ведомство
audit-actor-system = система
audit-actor-anonymous = аноним
audit-chain-size = Всего записей в цепочке аудита: { $count }.
users-error-self-disable = Нельзя заблокировать собственную учётную запись.
nav-offices = Подразделения
nav-offices-about = Центральный аппарат, региональные управления и подразделения пунктов пропуска.
offices-code = Код
offices-name = Название
offices-national = Видит данные по всей стране
offices-new = Добавить или переименовать подразделение
offices-new-about = Сохранение существующего кода переименовывает подразделение.
offices-saved = Подразделение сохранено.
offices-error-code = 2–16 символов: заглавные латинские буквы, цифры или дефис.
offices-error-name = Введите название длиной до 200 символов.
users-mfa-reset = Сбросить второй фактор
users-mfa-reset-done = Второй фактор удалён; сотрудник настроит новый при следующем входе, если этого требует роль.

persons-new = Регистрация лица
persons-view = Лицо
person-mrz = Чтение машиносчитываемой зоны
person-mrz-paste = Вставьте строки МСЗ паспорта или удостоверения личности
person-mrz-ok = МСЗ корректна; форма ниже заполнена. Сверьте имена с документом.
person-mrz-read = Заполнить форму из МСЗ
person-surname = Фамилия
person-given-names = Имя
person-patronymic = Отчество
person-birth-date = Дата рождения
person-birth-date-hint = ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД
person-place-of-birth = Место рождения
person-nationalities = Гражданство
person-nationalities-hint = Коды ИКАО, например AZE RUS; XXA — лицо без гражданства
person-sex = Пол
person-sex-unknown = Не указан
person-sex-m = Мужской
person-sex-f = Женский
person-sex-x = Не определён
person-document = Документ, удостоверяющий личность (необязательно)
person-doc-type = Вид документа
person-doc-issuing-state = Государство выдачи
person-doc-number = Номер документа
person-doc-expiry = Срок действия (ГГГГ-ММ-ДД)
person-save = Зарегистрировать
person-number = Номер лица
person-registered = Зарегистрировано
person-names = Имена
person-documents = Документы
person-add-document = Добавить документ
person-created = Лицо зарегистрировано.
person-document-added = Документ добавлен.
person-error-required = Обязательное поле.
person-error-too-long = Слишком длинно: не более 200 символов.
person-error-name = Используйте буквы, без управляющих символов.
person-error-sex = Выберите M, F или X.
person-error-date = Неверная дата или формат.
person-error-future = Дата в будущем.
person-error-country = Это не код страны ИКАО.
person-error-document-number = 1–30 букв или цифр.
person-error-too-many = Слишком много значений.
person-error-invalid = Проверьте это поле.
doc-type-passport = Паспорт
doc-type-id-card = Удостоверение личности
doc-type-refugee-travel-document = Проездной документ беженца
doc-type-stateless-travel-document = Проездной документ лица без гражданства
doc-type-residence-card = Вид на жительство
doc-type-visa = Виза
doc-type-other = Иной документ
doc-status-valid = Действителен
doc-status-lost = Утерян
doc-status-stolen = Похищен
doc-status-expired = Истёк
doc-status-revoked = Аннулирован
person-edit = Исправить запись
person-history = История изменений
person-history-create = Зарегистрировано
person-history-update = Исправлено
person-history-add-document = Добавлен документ
person-updated = Запись исправлена.
person-error-stale = Запись тем временем изменил другой сотрудник; форма показывает текущие данные.
nav-persons = Лица
nav-persons-about = Единый реестр иностранцев и лиц без гражданства.
persons-list-caption = Зарегистрированные лица по номеру
persons-more = Следующие лица
person-merge = Объединить дубликат с этой записью
person-merge-about = Имена, документы и гражданство дубликата сохранятся здесь, а его номер будет вести к этой записи. Администратор может отменить объединение.
person-merge-number = Номер лица-дубликата
person-merge-submit = Объединить
person-merged = Дубликат объединён с этой записью.
person-error-merge-self = Запись нельзя объединить саму с собой.
person-error-number = Лица с таким номером нет.
person-error-merge-state = Одна из записей уже объединена.
person-history-merge-in = Присоединён дубликат
person-history-merged-into = Объединено с другой записью
person-history-unmerge-out = Объединение отменено
person-history-unmerged-from = Объединение отменено
persons-search-name = Имя
persons-search-name-hint = Любое письмо и порядок: Məmmədov Elçin, MAMEDOV ELCHIN, Мамедов Эльчин
persons-search = Найти
persons-search-error = Укажите хотя бы имя, дату рождения, гражданство или номер документа.
persons-found = { $count ->
    [one] { $count } кандидат
    [few] { $count } кандидата
    [many] { $count } кандидатов
   *[other] { $count } кандидата
}
persons-score = Оценка
persons-why = Почему
why-name-exact = имя: совпадает
why-name-phonetic = имя: другое написание
why-name-skeleton = имя: схожее написание
why-name-initial = имя: инициал
why-name-fuzzy = имя: похоже
why-name-none = имя: не совпадает
why-order-swapped = порядок имён изменён
why-birth-exact = рождение: тот же день
why-birth-year-month = рождение: тот же месяц
why-birth-year-only = рождение: тот же год
why-birth-day-month-swapped = рождение: день и месяц переставлены
why-birth-year-off-by-one = рождение: разница в год
why-birth-unknown = рождение: неизвестно
why-birth-mismatch = рождение: не совпадает
why-nationality-match = то же гражданство
why-nationality-unknown = гражданство неизвестно
why-nationality-mismatch = другое гражданство
why-document-exact = документ: тот же номер
why-document-ocr-confusable = документ: номер с ошибками распознавания
why-document-unknown = документ неизвестен
why-document-mismatch = документ другой
persons-duplicates = Возможно, уже зарегистрирован
persons-duplicates-about = Эти лица похожи на регистрируемое. Откройте их для сравнения; если это то же лицо, добавьте документ туда.
persons-duplicates-confirm = Это другое лицо: зарегистрировать

## Duplicate review
nav-duplicates = Дубликаты
nav-duplicates-about = Пары записей, вероятно относящихся к одному лицу: объединить или оставить раздельными.
dup-about = Пары находятся при регистрации или исправлении записи, а также при проверке всего реестра. Откройте пару, чтобы сравнить записи рядом.
dup-count = { $count ->
    [one] { $count } пара ожидает проверки
    [few] { $count } пары ожидают проверки
    [many] { $count } пар ожидают проверки
   *[other] { $count } пары ожидают проверки
}
dup-first = Первая запись
dup-second = Вторая запись
dup-review = Сравнить
dup-empty = Нет пар, ожидающих проверки.
dup-prev = Предыдущие пары
dup-next = Следующие пары
dup-compare = Сравнение двух записей
dup-external-id = Импортирована как
dup-status-open = ожидает проверки
dup-status-not-duplicate = решено: разные лица
dup-status-merged = объединена
dup-status-none = нет в очереди
dup-decided-by = Решение принял(а)
dup-decide = Решение
dup-keep = Объединить, сохранив
dup-reason = Почему это разные лица?
dup-not-duplicate = Не дубликат
dup-reopen = Отменить решение и проверить снова
dup-done-merged = Записи объединены.
dup-done-dismissed = Пара отмечена как два разных лица.
dup-error-reason = Укажите, почему это разные лица.
dup-error-reason-long = Слишком длинное обоснование (не более 500 символов).
dup-error-decided = По этой паре решение уже принято.
dup-error-survivor = Выберите одну из двух записей, которую нужно сохранить.
nav-merges = Объединения
nav-merges-about = Объединённые записи и отмена ошибочного объединения.
merges-about = Объединённая запись ведёт к записи, в которую она объединена. Отмена объединения снова разделяет записи и удаляет скопированные имена, документы и гражданства.
merges-merged = Объединённая запись
merges-survivor = Объединена в
merges-undo = Отменить объединение
merges-undone = Объединение отменено.
merges-empty = Объединённых записей нет.
merges-error-state = Эта запись не объединена (больше) с указанным лицом.
