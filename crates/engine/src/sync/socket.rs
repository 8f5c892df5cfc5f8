//! A browser WebSocket carrying binary protocol messages, with the credential offered as a
//! subprotocol. Its callbacks live as long as the socket.

use tiendo_core::sync::SUBPROTOCOL;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BinaryType, CloseEvent, MessageEvent, WebSocket};

/// An open (or opening) WebSocket and its callbacks.
pub struct Socket {
    ws: WebSocket,
    _on_open: Closure<dyn FnMut()>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
}

impl Socket {
    /// Opens `url` offering `tiendo.v1` and the credential `auth`.
    pub fn open(
        url: &str,
        auth: &str,
        on_open: impl FnMut() + 'static,
        mut on_message: impl FnMut(Vec<u8>) + 'static,
        mut on_close: impl FnMut(String) + 'static,
    ) -> Result<Self, String> {
        let protocols = js_sys::Array::of2(&JsValue::from_str(SUBPROTOCOL), &JsValue::from_str(auth));
        let ws = WebSocket::new_with_str_sequence(url, &protocols).map_err(|e| format!("{e:?}"))?;
        ws.set_binary_type(BinaryType::Arraybuffer);
        let on_open = Closure::<dyn FnMut()>::new(on_open);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let Ok(buffer) = e.data().dyn_into::<js_sys::ArrayBuffer>() {
                on_message(js_sys::Uint8Array::new(&buffer).to_vec());
            }
        });
        let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |e: CloseEvent| on_close(e.reason()));
        ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        Ok(Self { ws, _on_open: on_open, _on_message: on_message, _on_close: on_close })
    }

    /// Sends one binary message (dropped if the socket is not open: the next sync resends).
    pub fn send(&self, bytes: &[u8]) {
        if self.ws.ready_state() == WebSocket::OPEN {
            let _ = self.ws.send_with_u8_array(bytes);
        }
    }
}

impl Drop for Socket {
    fn drop(&mut self) {
        self.ws.set_onopen(None);
        self.ws.set_onmessage(None);
        self.ws.set_onclose(None);
        let _ = self.ws.close();
    }
}
