# UMIS back office: English.
app-subtitle = Unified Migration Information System
skip-to-content = Skip to content
nav-label = Main navigation
lang-label = Language
logout = Log out
footer-text = State Migration Service · every access to personal data is recorded
yes = Yes
no = No
actions = Actions
save = Save

nav-home = Home
nav-home-about = Overview of your work.
nav-users = Users
nav-users-about = Create, disable and review officer accounts.
nav-tokens = API clients
nav-tokens-about = Issue and revoke tokens for partner agencies.
nav-security = Security
nav-security-about = Second-factor rules per role.
nav-audit = Audit log
nav-audit-about = Who accessed or changed what, and when.
nav-account = My account
nav-account-about = Password and second factor.

role-case-officer = Case officer
role-decision-maker = Decision maker
role-inspector = Inspector
role-analyst = Analyst
role-auditor = Auditor
role-admin = Administrator

login-title = Sign in
login-username = Username
login-password = Password
login-code = One-time code
login-code-hint = (if your account uses a second factor)
login-submit = Sign in
login-bye = You have been signed out.
login-expired = Your session has ended. Sign in again to continue.
login-failed = Wrong username or password.
login-locked = Too many failed attempts. Wait a moment and try again.
login-code-required = Enter the current 6-digit code from your authenticator app.

home-welcome = Welcome, { $name }
home-role = Role
home-office = Office
home-second-factor = Second factor
home-sections = Your sections

error-title = Error
error-back-home = Back to the home page
error-bad-request = The request could not be understood.
error-bad-form = The form data could not be read. Reload the page and try again.
error-forbidden = You do not have permission to open this page.
error-csrf = The form has expired or did not come from this site. Reload the page and try again.
error-not-found = The page does not exist.
error-conflict = The change conflicts with existing data.
error-too-large = The submitted data is too large.
error-internal = Something went wrong on our side. The problem has been logged.
error-unknown-language = Unknown language.

account-mfa-required = Your role requires a second factor. Set it up before continuing.
account-totp = Second factor (authenticator app)
account-totp-instructions = Add this key to your authenticator app, then enter the 6-digit code it shows.
account-totp-confirm = Confirm
account-totp-on = The second factor is on: sign-in asks for a one-time code.
account-totp-off = The second factor is off.
account-totp-turn-off = Turn off
account-totp-start = Set up a new authenticator
account-totp-enabled = The second factor is now on.
account-totp-disabled = The second factor is now off.
account-totp-wrong-code = The code is not valid. Check your device's clock and try again.
account-password = Password
account-password-current = Current password
account-password-new = New password (at least 12 characters)
account-password-confirm = Repeat the new password
account-password-change = Change password
account-password-mismatch = The two new passwords differ.
account-password-wrong = The current password is wrong.
account-password-weak = The password must have between 12 and 256 characters.

users-count = { $count ->
    [one] { $count } account
   *[other] { $count } accounts
}
users-username = Username
users-role = Role
users-office = Office
users-second-factor = Second factor
users-last-login = Last sign-in
users-status = Status
users-mfa-exempt = Exempt (demo)
users-disabled-badge = Disabled
users-active-badge = Active
users-enable = Enable
users-disable = Disable
users-new = New account
users-password = Initial password
users-create = Create account
users-created = The account was created.
users-disabled = The account was disabled and its sessions ended.
users-enabled = The account was enabled.
users-error-username = 3–64 characters: lowercase letters, digits, dot, underscore or hyphen.
users-error-role = Choose one of the listed roles.
users-error-password = The password must have between 12 and 256 characters.
users-error-office = Choose one of the listed offices.
users-error-taken = This username is already taken.

tokens-issued = Token issued
tokens-issued-once = Copy it now and hand it to the agency over a secure channel: it will not be shown again.
tokens-client = Client
tokens-prefix = Token
tokens-scopes = Scopes
tokens-created = Issued
tokens-expires = Expires
tokens-last-used = Last used
tokens-status-revoked = Revoked
tokens-status-expired = Expired
tokens-status-active = Active
tokens-revoke = Revoke
tokens-new = Issue a token
tokens-expires-days = Valid for (days, empty = no expiry)
tokens-create = Issue token
tokens-revoked = The client's tokens were revoked.
tokens-error-expiry = Enter a whole number of days between 1 and 3650.
tokens-error-scopes = Choose at least one scope.
tokens-error-client = 3–64 characters: lowercase letters, digits, dot, underscore or hyphen.

security-mfa = Mandatory second factor
security-mfa-about = Officers of the checked roles must set up an authenticator app before they can work.
security-mfa-roles = Roles that must use a second factor
security-saved = The settings were saved.

audit-actor = Actor
audit-person = Person
audit-action = Action
audit-action-hint = Exact name, or a prefix ending in a dot (e.g. user.)
audit-from = From
audit-to = To
audit-filter = Filter
audit-entries-count = { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}
audit-time = Time
audit-object = Object
audit-outcome = Outcome
audit-address = Address
audit-details = Details
audit-older = Older entries
audit-error-date = Enter a date as YYYY-MM-DD.
audit-outcome-ok = Done
audit-outcome-denied = Refused
audit-outcome-failed = Failed

scope-persons-read = read persons, identity documents and status
scope-persons-write = create and update persons
scope-screening-read = screen travellers against watch lists and entry bans
scope-border-events-write = send border entry and exit events
scope-stay-registrations-write = register foreigners at their place of stay
scope-applications-read = read applications and decisions
scope-applications-write = file and update applications
scope-checks-answer = answer interagency checks
scope-stats-read = read statistics
audit-actor-user = officer
audit-actor-client = agency
audit-actor-system = system
audit-actor-anonymous = anonymous
audit-chain-size = The audit chain holds { $count } entries in all.
users-error-self-disable = You cannot disable your own account.
nav-offices = Offices
nav-offices-about = Headquarters, regional departments and border-point offices.
offices-code = Code
offices-name = Name
offices-national = Sees data nationwide
offices-new = Add or rename an office
offices-new-about = Saving an existing code renames that office.
offices-saved = The office was saved.
offices-error-code = 2–16 characters: capital Latin letters, digits or hyphen.
offices-error-name = Enter a name of up to 200 characters.
users-mfa-reset = Reset second factor
users-mfa-reset-done = The second factor was removed; the officer sets up a new one at the next sign-in if the role requires it.
