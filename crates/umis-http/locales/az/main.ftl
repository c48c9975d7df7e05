# UMIS back office: Azerbaijani (Latin script).
app-subtitle = Vahid Miqrasiya Məlumat Sistemi
skip-to-content = Məzmuna keç
nav-label = Əsas naviqasiya
lang-label = Dil
logout = Çıxış
footer-text = Dövlət Miqrasiya Xidməti · şəxsi məlumatlara hər müraciət qeydə alınır
yes = Bəli
no = Xeyr
actions = Əməliyyatlar
save = Yadda saxla

nav-home = Əsas səhifə
nav-home-about = İşinizin icmalı.
nav-users = İstifadəçilər
nav-users-about = Əməkdaş hesablarının yaradılması, bloklanması və baxışı.
nav-tokens = API müştəriləri
nav-tokens-about = Tərəfdaş qurumlar üçün tokenlərin verilməsi və ləğvi.
nav-security = Təhlükəsizlik
nav-security-about = Rollar üzrə ikinci amil qaydaları.
nav-audit = Audit jurnalı
nav-audit-about = Kim, nə vaxt, nəyə müraciət edib və ya nəyi dəyişib.
nav-account = Mənim hesabım
nav-account-about = Şifrə və ikinci amil.

role-case-officer = İcraçı
role-decision-maker = Qərar qəbul edən
role-inspector = Müfəttiş
role-analyst = Analitik
role-auditor = Auditor
role-admin = Administrator

login-title = Sistemə giriş
login-username = İstifadəçi adı
login-password = Şifrə
login-code = Birdəfəlik kod
login-code-hint = (hesabınızda ikinci amil varsa)
login-submit = Daxil ol
login-bye = Sistemdən çıxdınız.
login-expired = Seansınız başa çatıb. Davam etmək üçün yenidən daxil olun.
login-failed = İstifadəçi adı və ya şifrə yanlışdır.
login-locked = Həddən artıq uğursuz cəhd. Bir az gözləyib yenidən cəhd edin.
login-code-required = Autentifikator tətbiqindəki cari 6 rəqəmli kodu daxil edin.

home-welcome = Xoş gəlmisiniz, { $name }
home-role = Rol
home-office = Bölmə
home-second-factor = İkinci amil
home-sections = Bölmələriniz

error-title = Xəta
error-back-home = Əsas səhifəyə qayıt
error-bad-request = Sorğu başa düşülmədi.
error-bad-form = Formanın məlumatları oxunmadı. Səhifəni yeniləyib yenidən cəhd edin.
error-forbidden = Bu səhifəni açmağa icazəniz yoxdur.
error-csrf = Formanın vaxtı keçib və ya o, bu saytdan göndərilməyib. Səhifəni yeniləyib yenidən cəhd edin.
error-not-found = Belə səhifə yoxdur.
error-conflict = Dəyişiklik mövcud məlumatlarla ziddiyyət təşkil edir.
error-too-large = Göndərilən məlumatlar çox böyükdür.
error-internal = Bizim tərəfdə xəta baş verdi. O, jurnala yazıldı.
error-unknown-language = Naməlum dil.

account-mfa-required = Rolunuz üçün ikinci amil məcburidir. Davam etməzdən əvvəl onu quraşdırın.
account-totp = İkinci amil (autentifikator tətbiqi)
account-totp-instructions = Bu açarı autentifikator tətbiqinə əlavə edin, sonra onun göstərdiyi 6 rəqəmli kodu daxil edin.
account-totp-confirm = Təsdiq et
account-totp-on = İkinci amil aktivdir: girişdə birdəfəlik kod soruşulur.
account-totp-off = İkinci amil deaktivdir.
account-totp-turn-off = Söndür
account-totp-start = Yeni autentifikator quraşdır
account-totp-enabled = İkinci amil aktivləşdirildi.
account-totp-disabled = İkinci amil söndürüldü.
account-totp-wrong-code = Kod yanlışdır. Cihazınızın saatını yoxlayıb yenidən cəhd edin.
account-password = Şifrə
account-password-current = Cari şifrə
account-password-new = Yeni şifrə (ən azı 12 simvol)
account-password-confirm = Yeni şifrəni təkrarlayın
account-password-change = Şifrəni dəyiş
account-password-mismatch = Yeni şifrələr üst-üstə düşmür.
account-password-wrong = Cari şifrə yanlışdır.
account-password-weak = Şifrə 12 ilə 256 simvol arasında olmalıdır.

users-count = { $count ->
    [one] { $count } hesab
   *[other] { $count } hesab
}
users-username = İstifadəçi adı
users-role = Rol
users-office = Bölmə
users-second-factor = İkinci amil
users-last-login = Son giriş
users-status = Vəziyyət
users-mfa-exempt = Azad (demo)
users-disabled-badge = Bloklanıb
users-active-badge = Aktiv
users-enable = Blokdan çıxar
users-disable = Blokla
users-new = Yeni hesab
users-password = İlkin şifrə
users-create = Hesab yarat
users-created = Hesab yaradıldı.
users-disabled = Hesab bloklandı, onun seansları bitirildi.
users-enabled = Hesab blokdan çıxarıldı.
users-error-username = 3–64 simvol: kiçik latın hərfləri, rəqəmlər, nöqtə, alt xətt və ya defis.
users-error-role = Siyahıdakı rollardan birini seçin.
users-error-password = Şifrə 12 ilə 256 simvol arasında olmalıdır.
users-error-office = Siyahıdakı bölmələrdən birini seçin.
users-error-taken = Bu istifadəçi adı artıq tutulub.

tokens-issued = Token verildi
tokens-issued-once = Onu indi kopyalayın və quruma təhlükəsiz kanalla çatdırın: o, bir daha göstərilməyəcək.
tokens-client = Müştəri
tokens-prefix = Token
tokens-scopes = Səlahiyyət sahələri
tokens-created = Verilib
tokens-expires = Bitmə tarixi
tokens-last-used = Son istifadə
tokens-status-revoked = Ləğv edilib
tokens-status-expired = Müddəti bitib
tokens-status-active = Qüvvədədir
tokens-revoke = Ləğv et
tokens-new = Token ver
tokens-expires-days = Etibarlılıq müddəti (gün; boş = müddətsiz)
tokens-create = Token ver
tokens-revoked = Müştərinin tokenləri ləğv edildi.
tokens-error-expiry = 1 ilə 3650 arasında tam gün sayı daxil edin.
tokens-error-scopes = Ən azı bir səlahiyyət sahəsi seçin.
tokens-error-client = 3–64 simvol: kiçik latın hərfləri, rəqəmlər, nöqtə, alt xətt və ya defis.

security-mfa = Məcburi ikinci amil
security-mfa-about = Qeyd olunmuş rolların əməkdaşları işə başlamazdan əvvəl autentifikator tətbiqini quraşdırmalıdır.
security-mfa-roles = İkinci amilin məcburi olduğu rollar
security-saved = Parametrlər yadda saxlanıldı.

audit-actor = Subyekt
audit-person = Şəxs
audit-action = Əməliyyat
audit-action-hint = Dəqiq ad və ya nöqtə ilə bitən prefiks (məsələn, user.)
audit-from = Başlanğıc
audit-to = Son
audit-filter = Süz
audit-entries-count = { $count ->
    [one] { $count } qeyd
   *[other] { $count } qeyd
}
audit-time = Vaxt
audit-object = Obyekt
audit-outcome = Nəticə
audit-address = Ünvan
audit-details = Təfərrüatlar
audit-older = Daha köhnə qeydlər
audit-error-date = Tarixi İİİİ-AA-GG formatında daxil edin.
audit-outcome-ok = İcra olundu
audit-outcome-denied = İmtina edildi
audit-outcome-failed = Uğursuz

scope-persons-read = şəxslərin, sənədlərin və statusun oxunması
scope-persons-write = şəxslərin yaradılması və dəyişdirilməsi
scope-screening-read = səyahətçilərin müşahidə siyahıları və giriş qadağaları üzrə yoxlanılması
scope-border-events-write = sərhəddə giriş və çıxış hadisələrinin göndərilməsi
scope-stay-registrations-write = əcnəbilərin olduğu yer üzrə qeydiyyatı
scope-applications-read = müraciətlərin və qərarların oxunması
scope-applications-write = müraciətlərin verilməsi və dəyişdirilməsi
scope-checks-answer = qurumlararası sorğulara cavab
scope-stats-read = statistikanın oxunması
audit-actor-user = əməkdaş
audit-actor-client = qurum
audit-actor-system = sistem
audit-actor-anonymous = anonim
audit-chain-size = Audit zəncirində cəmi { $count } qeyd var.
users-error-self-disable = Öz hesabınızı bloklaya bilməzsiniz.
nav-offices = Bölmələr
nav-offices-about = Mərkəzi aparat, regional idarələr və sərhəd buraxılış məntəqələrinin bölmələri.
offices-code = Kod
offices-name = Ad
offices-national = Bütün ölkə üzrə məlumatları görür
offices-new = Bölmə əlavə et və ya adını dəyiş
offices-new-about = Mövcud kodu yadda saxlamaq həmin bölmənin adını dəyişir.
offices-saved = Bölmə yadda saxlanıldı.
offices-error-code = 2–16 simvol: böyük latın hərfləri, rəqəmlər və ya defis.
offices-error-name = 200 simvola qədər ad daxil edin.
users-mfa-reset = İkinci amili sıfırla
users-mfa-reset-done = İkinci amil silindi; rol tələb edərsə, əməkdaş növbəti girişdə yenisini quraşdıracaq.
