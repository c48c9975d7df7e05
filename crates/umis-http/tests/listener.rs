//! The limits every listener keeps, through a real socket: a client that sends its headers too
//! slowly or leaves its connection idle is disconnected, connections past the cap wait, and
//! shutdown lets the request in flight finish.

use axum::Router;
use axum::routing::get;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use umis_http::ListenerLimits;

async fn start(
    limits: ListenerLimits,
) -> (
    std::net::SocketAddr,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<std::io::Result<()>>,
) {
    let app = Router::new().route("/", get(|| async { "ok" })).route(
        "/slow",
        get(|| async {
            tokio::time::sleep(Duration::from_millis(300)).await;
            "slow ok"
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(umis_http::serve(listener, app, limits, async move {
        let _ = stopped.await;
    }));
    (addr, stop, server)
}

/// Reads until the peer closes; `None` if it is still open after `within`.
async fn read_to_close(s: &mut TcpStream, within: Duration) -> Option<String> {
    let mut out = Vec::new();
    let read = tokio::time::timeout(within, s.read_to_end(&mut out)).await;
    match read {
        Ok(_) => Some(String::from_utf8_lossy(&out).into_owned()),
        Err(_) => None,
    }
}

#[tokio::test]
async fn slow_headers_and_idle_connections_are_cut_off() {
    let limits = ListenerLimits {
        header_read_timeout: Duration::from_secs(1),
        max_connections: 8,
    };
    let (addr, _stop, _server) = start(limits).await;
    let mut slow = TcpStream::connect(addr).await.expect("connect");
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
        .await
        .expect("write");
    let closed = read_to_close(&mut slow, Duration::from_secs(20)).await;
    assert!(
        closed.is_some(),
        "a connection with partial headers stayed open"
    );

    let mut idle = TcpStream::connect(addr).await.expect("connect");
    idle.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .expect("write");
    let answer = read_to_close(&mut idle, Duration::from_secs(20))
        .await
        .expect("an idle keep-alive connection stayed open");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with("ok"), "{answer}");
}

#[tokio::test]
async fn connections_past_the_cap_wait_for_a_free_place() {
    let limits = ListenerLimits {
        header_read_timeout: Duration::from_secs(30),
        max_connections: 1,
    };
    let (addr, _stop, _server) = start(limits).await;
    let first = TcpStream::connect(addr).await.expect("connect");
    // Let the server take the first connection before the second arrives.
    tokio::task::yield_now().await;
    let mut probe = TcpStream::connect(addr).await.expect("connect");
    probe
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    let mut buf = [0u8; 16];
    let early = tokio::time::timeout(Duration::from_millis(500), probe.read(&mut buf)).await;
    assert!(
        early.is_err(),
        "the second connection was served past the cap"
    );
    drop(first);
    let answer = read_to_close(&mut probe, Duration::from_secs(20))
        .await
        .expect("the waiting connection was never served");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test]
async fn shutdown_lets_the_request_in_flight_finish() {
    let (addr, stop, server) = start(ListenerLimits::default()).await;
    let mut s = TcpStream::connect(addr).await.expect("connect");
    s.write_all(b"GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .expect("write");
    tokio::time::sleep(Duration::from_millis(50)).await;
    let _ = stop.send(());
    let answer = read_to_close(&mut s, Duration::from_secs(20))
        .await
        .expect("the connection was not closed after its answer");
    assert!(answer.contains("slow ok"), "{answer}");
    let served = tokio::time::timeout(Duration::from_secs(20), server).await;
    assert!(matches!(served, Ok(Ok(Ok(())))), "the server did not stop");
}
