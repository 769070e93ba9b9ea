-- zerodte projection schema v1 (PostgreSQL). Money is stored as integer nanos (core::Price raw),
-- times as UNIX nanoseconds. Every row comes from the journal; `seq` is the record's sequence.
CREATE TABLE projection_state (
  key   TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
CREATE TABLE orders (
  client_order_id      TEXT PRIMARY KEY,
  strategy_id          INTEGER,
  signal_id            BIGINT,
  instrument           BIGINT,
  side                 TEXT,
  quantity             BIGINT,
  order_type           TEXT,
  tif                  TEXT,
  limit_price_nanos    BIGINT,
  reduce_only          INTEGER NOT NULL DEFAULT 0,
  tag                  TEXT,
  status               TEXT NOT NULL DEFAULT 'pending_new',
  submitted            INTEGER NOT NULL DEFAULT 0,
  venue_order_id       TEXT,
  filled_qty           BIGINT NOT NULL DEFAULT 0,
  avg_fill_price_nanos BIGINT,
  reason               TEXT,
  intent_seq           BIGINT,
  created_ns           BIGINT,
  updated_ns           BIGINT
);
CREATE INDEX orders_by_created ON orders (created_ns);
CREATE TABLE fills (
  exec_id         TEXT PRIMARY KEY,
  seq             BIGINT NOT NULL,
  client_order_id TEXT,
  venue_order_id  TEXT,
  instrument      BIGINT NOT NULL,
  leg_index       INTEGER NOT NULL,
  side            TEXT NOT NULL,
  quantity        BIGINT NOT NULL,
  price_nanos     BIGINT NOT NULL,
  fee_nanos       BIGINT,
  liquidity       TEXT,
  ts_event_ns     BIGINT,
  ts_recv_ns      BIGINT
);
CREATE INDEX fills_by_order ON fills (client_order_id);
CREATE INDEX fills_by_seq ON fills (seq);
CREATE TABLE positions (
  instrument         BIGINT PRIMARY KEY,
  qty                BIGINT NOT NULL,
  avg_price_nanos    BIGINT NOT NULL,
  realized_pnl_nanos BIGINT NOT NULL,
  fees_nanos         BIGINT NOT NULL,
  fills              BIGINT NOT NULL,
  updated_ns         BIGINT
);
CREATE TABLE daily_pnl (
  day                TEXT PRIMARY KEY,  -- YYYY-MM-DD (UTC date of the fill)
  realized_pnl_nanos BIGINT NOT NULL,
  fees_nanos         BIGINT NOT NULL,
  fills              BIGINT NOT NULL
);
CREATE TABLE signals (
  seq         BIGINT PRIMARY KEY,
  signal_id   BIGINT NOT NULL,
  strategy_id INTEGER,
  strategy    TEXT,
  instrument  BIGINT,
  symbol      TEXT,
  direction   INTEGER,
  strength    DOUBLE PRECISION,
  explanation TEXT,
  ts_ns       BIGINT
);
CREATE INDEX signals_by_id ON signals (signal_id);
CREATE TABLE risk_events (
  seq             BIGINT PRIMARY KEY,
  kind            TEXT NOT NULL,  -- verdict, trading_state, control_action, risk_counters, cancel_intent
  signal_id       BIGINT,
  client_order_id TEXT,
  approved        INTEGER,
  rule            TEXT,
  detail          TEXT,
  ts_ns           BIGINT
);
CREATE TABLE sentiment_items (
  seq        BIGINT PRIMARY KEY,
  item_id    TEXT NOT NULL,
  source     TEXT,
  symbol     TEXT,
  score      DOUBLE PRECISION,  -- NULL for a news item not yet scored
  confidence DOUBLE PRECISION,
  model      TEXT,
  headline   TEXT,
  ts_ns      BIGINT
);
CREATE INDEX sentiment_by_item ON sentiment_items (item_id);
CREATE TABLE bars (
  instrument   BIGINT NOT NULL,
  interval_s   INTEGER NOT NULL,
  ts_open_ns   BIGINT NOT NULL,
  open_nanos   BIGINT,
  high_nanos   BIGINT,
  low_nanos    BIGINT,
  close_nanos  BIGINT,
  volume       BIGINT,
  trade_count  INTEGER,
  PRIMARY KEY (instrument, interval_s, ts_open_ns)
);
