//! Keyboard-only use: Tab to a control (checking on the way that focus stays visible), type,
//! press Space or Enter; no mouse click.

#[allow(unused_imports)]
use super::*;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;

/// How many Tab presses may separate two controls before the focus order is declared wrong.
const MAX_TABS: usize = 80;

/// Presses and releases one key.
pub(crate) async fn press(c: &Client, key: char) -> Result<()> {
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    c.perform_actions(actions).await.context("press a key")?;
    Ok(())
}

/// Types text into whatever has the focus.
pub(crate) async fn type_text(c: &Client, text: &str) -> Result<()> {
    let mut actions = KeyActions::new("keyboard".into());
    for ch in text.chars() {
        actions = actions
            .then(KeyAction::Down { value: ch })
            .then(KeyAction::Up { value: ch });
    }
    c.perform_actions(actions).await.context("type")?;
    Ok(())
}

/// Whether the focused element matches `css`.
async fn focused_is(c: &Client, css: &str) -> Result<bool> {
    let v = c
        .execute(
            "const e = document.activeElement; return !!e && e.matches(arguments[0]);",
            vec![serde_json::Value::String(css.into())],
        )
        .await?;
    Ok(v.as_bool() == Some(true))
}

/// Whether the focused element shows a focus indicator (an outline or a ring).
async fn focus_visible(c: &Client) -> Result<bool> {
    let v = c
        .execute(
            "const s = getComputedStyle(document.activeElement); \
             return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) \
                 || (s.boxShadow && s.boxShadow !== 'none');",
            vec![],
        )
        .await?;
    Ok(v.as_bool() == Some(true))
}

/// Presses Tab until the control matching `css` has the focus, which must be visible.
pub(crate) async fn tab_to(c: &Client, css: &str) -> Result<()> {
    for _ in 0..MAX_TABS {
        press(c, Key::Tab.into()).await?;
        if focused_is(c, css).await? {
            ensure!(
                focus_visible(c).await?,
                "`{css}` has the keyboard focus but shows no focus indicator"
            );
            return Ok(());
        }
    }
    bail!("`{css}` is not reachable with the Tab key ({MAX_TABS} presses)")
}

/// With a `<select>` focused, presses ArrowDown until it shows the option `value`.
pub(crate) async fn choose_with_arrows(c: &Client, value: &str) -> Result<()> {
    for _ in 0..40 {
        let now = c
            .execute("return document.activeElement.value;", vec![])
            .await?;
        if now.as_str() == Some(value) {
            return Ok(());
        }
        press(c, Key::Down.into()).await?;
    }
    bail!("option {value} is not reachable with the arrow keys")
}
