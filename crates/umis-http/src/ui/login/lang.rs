//! The language switch, for officers and for visitors who have not logged in.

use crate::extract::{
    CSRF_COOKIE, ClientAddr, LANG_COOKIE, MaybeUser, UiForm, check_csrf, cookie, set_cookie,
};
use crate::{AppState, UiError};
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use umis_domain::Lang;
use umis_service::{Actor, Ctx};

#[derive(Deserialize)]
pub(crate) struct LangForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    back: String,
}

pub(crate) async fn switch_lang(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    MaybeUser(user): MaybeUser,
    headers: HeaderMap,
    UiForm(form): UiForm<LangForm>,
) -> Result<Response, UiError> {
    let lang: Lang = form
        .lang
        .parse()
        .map_err(|_| UiError::BadRequest("error-unknown-language"))?;
    match &user {
        Some(cu) => {
            check_csrf(&state.services, &cu.ctx, &cu.csrf, &form.csrf, &headers).await?;
            state.services.set_own_lang(&cu.ctx, lang).await?;
        }
        None => {
            let anon = Ctx::new(Actor::Anonymous, addr);
            let expected = cookie(&headers, CSRF_COOKIE).unwrap_or_default();
            check_csrf(&state.services, &anon, &expected, &form.csrf, &headers).await?;
        }
    }
    let mut res =
        crate::ui::redirect::see_other(&crate::ui::redirect::local_or_home(Some(&form.back)))
            .into_response();
    let c = set_cookie(
        LANG_COOKIE,
        lang.code(),
        Some(31_536_000),
        state.config.secure_cookies,
    );
    if let Ok(v) = c.parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}
