import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 158:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const { addAbortListener } = __nccwpck_require__(3440)
const { RequestAbortedError } = __nccwpck_require__(8707)

const kListener = Symbol('kListener')
const kSignal = Symbol('kSignal')

function abort (self) {
  if (self.abort) {
    self.abort(self[kSignal]?.reason)
  } else {
    self.reason = self[kSignal]?.reason ?? new RequestAbortedError()
  }
  removeSignal(self)
}

function addSignal (self, signal) {
  self.reason = null

  self[kSignal] = null
  self[kListener] = null

  if (!signal) {
    return
  }

  if (signal.aborted) {
    abort(self)
    return
  }

  self[kSignal] = signal
  self[kListener] = () => {
    abort(self)
  }

  addAbortListener(self[kSignal], self[kListener])
}

function removeSignal (self) {
  if (!self[kSignal]) {
    return
  }

  if ('removeEventListener' in self[kSignal]) {
    self[kSignal].removeEventListener('abort', self[kListener])
  } else {
    self[kSignal].removeListener('abort', self[kListener])
  }

  self[kSignal] = null
  self[kListener] = null
}

module.exports = {
  addSignal,
  removeSignal
}


/***/ }),

/***/ 2279:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const assert = __nccwpck_require__(4589)
const { AsyncResource } = __nccwpck_require__(6698)
const { InvalidArgumentError, SocketError } = __nccwpck_require__(8707)
const util = __nccwpck_require__(3440)
const { addSignal, removeSignal } = __nccwpck_require__(158)

class ConnectHandler extends AsyncResource {
  constructor (opts, callback) {
    if (!opts || typeof opts !== 'object') {
      throw new InvalidArgumentError('invalid opts')
    }

    if (typeof callback !== 'function') {
      throw new InvalidArgumentError('invalid callback')
    }

    const { signal, opaque, responseHeaders } = opts

    if (signal && typeof signal.on !== 'function' && typeof signal.addEventListener !== 'function') {
      throw new InvalidArgumentError('signal must be an EventEmitter or EventTarget')
    }

    super('UNDICI_CONNECT')

    this.opaque = opaque || null
    this.responseHeaders = responseHeaders || null
    this.callback = callback
    this.abort = null

    addSignal(this, signal)
  }

  onConnect (abort, context) {
    if (this.reason) {
      abort(this.reason)
      return
    }

    assert(this.callback)

    this.abort = abort
    this.context = context
  }

  onHeaders () {
    throw new SocketError('bad connect', null)
  }

  onUpgrade (statusCode, rawHeaders, socket) {
    const { callback, opaque, context } = this

    removeSignal(this)

    this.callback = null

    let headers = rawHeaders
    // Indicates is an HTTP2Session
    if (headers != null) {
      headers = this.responseHeaders === 'raw' ? util.parseRawHeaders(rawHeaders) : util.parseHeaders(rawHeaders)
    }

    this.runInAsyncScope(callback, null, null, {
      statusCode,
      headers,
      socket,
      opaque,
      context
    })
  }

  onError (err) {
    const { callback, opaque } = this

    removeSignal(this)

    if (callback) {
      this.callback = null
      queueMicrotask(() => {
        this.runInAsyncScope(callback, null, err, { opaque })
      })
    }
  }
}

function connect (opts, callback) {
  if (callback === undefined) {
    return new Promise((resolve, reject) => {
      connect.call(this, opts, (err, data) => {
        return err ? reject(err) : resolve(data)
      })
    })
  }

  try {
    const connectHandler = new ConnectHandler(opts, callback)
    this.dispatch({ ...opts, method: 'CONNECT' }, connectHandler)
  } catch (err) {
    if (typeof callback !== 'function') {
      throw err
    }
    const opaque = opts?.opaque
    queueMicrotask(() => callback(err, { opaque }))
  }
}

module.exports = connect


/***/ }),

/***/ 9136:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const net = __nccwpck_require__(7030)
const assert = __nccwpck_require__(4589)
const util = __nccwpck_require__(3440)
const { InvalidArgumentError, ConnectTimeoutError } = __nccwpck_require__(8707)
const timers = __nccwpck_require__(6603)

function noop () {}

let tls // include tls conditionally since it is not always available

// TODO: session re-use does not wait for the first
// connection to resolve the session and might therefore
// resolve the same servername multiple times even when
// re-use is enabled.

let SessionCache
// FIXME: remove workaround when the Node bug is fixed
// https://github.com/nodejs/node/issues/49344#issuecomment-1741776308
if (global.FinalizationRegistry && !(process.env.NODE_V8_COVERAGE || process.env.UNDICI_NO_FG)) {
  SessionCache = class WeakSessionCache {
    constructor (maxCachedSessions) {
      this._maxCachedSessions = maxCachedSessions
      this._sessionCache = new Map()
      this._sessionRegistry = new global.FinalizationRegistry((key) => {
        if (this._sessionCache.size < this._maxCachedSessions) {
          return
        }

        const ref = this._sessionCache.get(key)
        if (ref !== undefined && ref.deref() === undefined) {
          this._sessionCache.delete(key)
        }
      })
    }

    get (sessionKey) {
      const ref = this._sessionCache.get(sessionKey)
      return ref ? ref.deref() : null
    }

    set (sessionKey, session) {
      if (this._maxCachedSessions === 0) {
        return
      }

      this._sessionCache.set(sessionKey, new WeakRef(session))
      this._sessionRegistry.register(session, sessionKey)
    }
  }
} else {
  SessionCache = class SimpleSessionCache {
    constructor (maxCachedSessions) {
      this._maxCachedSessions = maxCachedSessions
      this._sessionCache = new Map()
    }

    get (sessionKey) {
      return this._sessionCache.get(sessionKey)
    }

    set (sessionKey, session) {
      if (this._maxCachedSessions === 0) {
        return
      }

      if (this._sessionCache.size >= this._maxCachedSessions) {
        // remove the oldest session
        const { value: oldestKey } = this._sessionCache.keys().next()
        this._sessionCache.delete(oldestKey)
      }

      this._sessionCache.set(sessionKey, session)
    }
  }
}

function buildConnector ({ allowH2, maxCachedSessions, socketPath, timeout, session: customSession, ...opts }) {
  if (maxCachedSessions != null && (!Number.isInteger(maxCachedSessions) || maxCachedSessions < 0)) {
    throw new InvalidArgumentError('maxCachedSessions must be a positive integer or zero')
  }

  const options = { path: socketPath, ...opts }
  const sessionCache = new SessionCache(maxCachedSessions == null ? 100 : maxCachedSessions)
  timeout = timeout == null ? 10e3 : timeout
  allowH2 = allowH2 != null ? allowH2 : false
  return function connect ({ hostname, host, protocol, port, servername, localAddress, httpSocket }, callback) {
    let socket
    if (protocol === 'https:') {
      if (!tls) {
        tls = __nccwpck_require__(1692)
      }
      servername = servername || options.servername || util.getServerName(host) || null

      const sessionKey = servername || hostname
      assert(sessionKey)

      const session = customSession || sessionCache.get(sessionKey) || null

      port = port || 443

      socket = tls.connect({
        highWaterMark: 16384, // TLS in node can't have bigger HWM anyway...
        ...options,
        servername,
        session,
        localAddress,
        // TODO(HTTP/2): Add support for h2c
        ALPNProtocols: allowH2 ? ['http/1.1', 'h2'] : ['http/1.1'],
        socket: httpSocket, // upgrade socket connection
        port,
        host: hostname
      })

      socket
        .on('session', function (session) {
          // TODO (fix): Can a session become invalid once established? Don't think so?
          sessionCache.set(sessionKey, session)
        })
    } else {
      assert(!httpSocket, 'httpSocket can only be sent on TLS update')

      port = port || 80

      socket = net.connect({
        highWaterMark: 64 * 1024, // Same as nodejs fs streams.
        ...options,
        localAddress,
        port,
        host: hostname
      })
    }

    // Set TCP keep alive options on the socket here instead of in connect() for the case of assigning the socket
    if (options.keepAlive == null || options.keepAlive) {
      const keepAliveInitialDelay = options.keepAliveInitialDelay === undefined ? 60e3 : options.keepAliveInitialDelay
      socket.setKeepAlive(true, keepAliveInitialDelay)
    }

    const clearConnectTimeout = setupConnectTimeout(new WeakRef(socket), { timeout, hostname, port })

    socket
      .setNoDelay(true)
      .once(protocol === 'https:' ? 'secureConnect' : 'connect', function () {
        queueMicrotask(clearConnectTimeout)

        if (callback) {
          const cb = callback
          callback = null
          cb(null, this)
        }
      })
      .on('error', function (err) {
        queueMicrotask(clearConnectTimeout)

        if (callback) {
          const cb = callback
          callback = null
          cb(err)
        }
      })

    return socket
  }
}

/**
 * @param {WeakRef<net.Socket>} socketWeakRef
 * @param {object} opts
 * @param {number} opts.timeout
 * @param {string} opts.hostname
 * @param {number} opts.port
 * @returns {() => void}
 */
const setupConnectTimeout = process.platform === 'win32'
  ? (socketWeakRef, opts) => {
      if (!opts.timeout) {
        return noop
      }

      let s1 = null
      let s2 = null
      const fastTimer = timers.setFastTimeout(() => {
      // setImmediate is added to make sure that we prioritize socket error events over timeouts
        s1 = setImmediate(() => {
        // Windows needs an extra setImmediate probably due to implementation differences in the socket logic
          s2 = setImmediate(() => onConnectTimeout(socketWeakRef.deref(), opts))
        })
      }, opts.timeout)
      return () => {
        timers.clearFastTimeout(fastTimer)
        clearImmediate(s1)
        clearImmediate(s2)
      }
    }
  : (socketWeakRef, opts) => {
      if (!opts.timeout) {
        return noop
      }

      let s1 = null
      const fastTimer = timers.setFastTimeout(() => {
      // setImmediate is added to make sure that we prioritize socket error events over timeouts
        s1 = setImmediate(() => {
          onConnectTimeout(socketWeakRef.deref(), opts)
        })
      }, opts.timeout)
      return () => {
        timers.clearFastTimeout(fastTimer)
        clearImmediate(s1)
      }
    }

/**
 * @param {net.Socket} socket
 * @param {object} opts
 * @param {number} opts.timeout
 * @param {string} opts.hostname
 * @param {number} opts.port
 */
function onConnectTimeout (socket, opts) {
  // The socket could be already garbage collected
  if (socket == null) {
    return
  }

  let message = 'Connect Timeout Error'
  if (Array.isArray(socket.autoSelectFamilyAttemptedAddresses)) {
    message += ` (attempted addresses: ${socket.autoSelectFamilyAttemptedAddresses.join(', ')},`
  } else {
    message += ` (attempted address: ${opts.hostname}:${opts.port},`
  }

  message += ` timeout: ${opts.timeout}ms)`

  util.destroy(socket, new ConnectTimeoutError(message))
}

module.exports = buildConnector


/***/ }),

/***/ 735:
/***/ ((module) => {



/** @type {Record<string, string | undefined>} */
const headerNameLowerCasedRecord = {}

// https://developer.mozilla.org/docs/Web/HTTP/Headers
const wellknownHeaderNames = [
  'Accept',
  'Accept-Encoding',
  'Accept-Language',
  'Accept-Ranges',
  'Access-Control-Allow-Credentials',
  'Access-Control-Allow-Headers',
  'Access-Control-Allow-Methods',
  'Access-Control-Allow-Origin',
  'Access-Control-Expose-Headers',
  'Access-Control-Max-Age',
  'Access-Control-Request-Headers',
  'Access-Control-Request-Method',
  'Age',
  'Allow',
  'Alt-Svc',
  'Alt-Used',
  'Authorization',
  'Cache-Control',
  'Clear-Site-Data',
  'Connection',
  'Content-Disposition',
  'Content-Encoding',
  'Content-Language',
  'Content-Length',
  'Content-Location',
  'Content-Range',
  'Content-Security-Policy',
  'Content-Security-Policy-Report-Only',
  'Content-Type',
  'Cookie',
  'Cross-Origin-Embedder-Policy',
  'Cross-Origin-Opener-Policy',
  'Cross-Origin-Resource-Policy',
  'Date',
  'Device-Memory',
  'Downlink',
  'ECT',
  'ETag',
  'Expect',
  'Expect-CT',
  'Expires',
  'Forwarded',
  'From',
  'Host',
  'If-Match',
  'If-Modified-Since',
  'If-None-Match',
  'If-Range',
  'If-Unmodified-Since',
  'Keep-Alive',
  'Last-Modified',
  'Link',
  'Location',
  'Max-Forwards',
  'Origin',
  'Permissions-Policy',
  'Pragma',
  'Proxy-Authenticate',
  'Proxy-Authorization',
  'RTT',
  'Range',
  'Referer',
  'Referrer-Policy',
  'Refresh',
  'Retry-After',
  'Sec-WebSocket-Accept',
  'Sec-WebSocket-Extensions',
  'Sec-WebSocket-Key',
  'Sec-WebSocket-Protocol',
  'Sec-WebSocket-Version',
  'Server',
  'Server-Timing',
  'Service-Worker-Allowed',
  'Service-Worker-Navigation-Preload',
  'Set-Cookie',
  'SourceMap',
  'Strict-Transport-Security',
  'Supports-Loading-Mode',
  'TE',
  'Timing-Allow-Origin',
  'Trailer',
  'Transfer-Encoding',
  'Upgrade',
  'Upgrade-Insecure-Requests',
  'User-Agent',
  'Vary',
  'Via',
  'WWW-Authenticate',
  'X-Content-Type-Options',
  'X-DNS-Prefetch-Control',
  'X-Frame-Options',
  'X-Permitted-Cross-Domain-Policies',
  'X-Powered-By',
  'X-Requested-With',
  'X-XSS-Protection'
]

for (let i = 0; i < wellknownHeaderNames.length; ++i) {
  const key = wellknownHeaderNames[i]
  const lowerCasedKey = key.toLowerCase()
  headerNameLowerCasedRecord[key] = headerNameLowerCasedRecord[lowerCasedKey] =
    lowerCasedKey
}

// Note: object prototypes should not be able to be referenced. e.g. `Object#hasOwnProperty`.
Object.setPrototypeOf(headerNameLowerCasedRecord, null)

module.exports = {
  wellknownHeaderNames,
  headerNameLowerCasedRecord
}


/***/ }),

/***/ 2414:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


const diagnosticsChannel = __nccwpck_require__(3053)
const util = __nccwpck_require__(7975)

const undiciDebugLog = util.debuglog('undici')
const fetchDebuglog = util.debuglog('fetch')
const websocketDebuglog = util.debuglog('websocket')
let isClientSet = false
const channels = {
  // Client
  beforeConnect: diagnosticsChannel.channel('undici:client:beforeConnect'),
  connected: diagnosticsChannel.channel('undici:client:connected'),
  connectError: diagnosticsChannel.channel('undici:client:connectError'),
  sendHeaders: diagnosticsChannel.channel('undici:client:sendHeaders'),
  // Request
  create: diagnosticsChannel.channel('undici:request:create'),
  bodySent: diagnosticsChannel.channel('undici:request:bodySent'),
  headers: diagnosticsChannel.channel('undici:request:headers'),
  trailers: diagnosticsChannel.channel('undici:request:trailers'),
  error: diagnosticsChannel.channel('undici:request:error'),
  // WebSocket
  open: diagnosticsChannel.channel('undici:websocket:open'),
  close: diagnosticsChannel.channel('undici:websocket:close'),
  socketError: diagnosticsChannel.channel('undici:websocket:socket_error'),
  ping: diagnosticsChannel.channel('undici:websocket:ping'),
  pong: diagnosticsChannel.channel('undici:websocket:pong')
}

if (undiciDebugLog.enabled || fetchDebuglog.enabled) {
  const debuglog = fetchDebuglog.enabled ? fetchDebuglog : undiciDebugLog

  // Track all Client events
  diagnosticsChannel.channel('undici:client:beforeConnect').subscribe(evt => {
    const {
      connectParams: { version, protocol, port, host }
    } = evt
    debuglog(
      'connecting to %s using %s%s',
      `${host}${port ? `:${port}` : ''}`,
      protocol,
      version
    )
  })

  diagnosticsChannel.channel('undici:client:connected').subscribe(evt => {
    const {
      connectParams: { version, protocol, port, host }
    } = evt
    debuglog(
      'connected to %s using %s%s',
      `${host}${port ? `:${port}` : ''}`,
      protocol,
      version
    )
  })

  diagnosticsChannel.channel('undici:client:connectError').subscribe(evt => {
    const {
      connectParams: { version, protocol, port, host },
      error
    } = evt
    debuglog(
      'connection to %s using %s%s errored - %s',
      `${host}${port ? `:${port}` : ''}`,
      protocol,
      version,
      error.message
    )
  })

  diagnosticsChannel.channel('undici:client:sendHeaders').subscribe(evt => {
    const {
      request: { method, path, origin }
    } = evt
    debuglog('sending request to %s %s/%s', method, origin, path)
  })

  // Track Request events
  diagnosticsChannel.channel('undici:request:headers').subscribe(evt => {
    const {
      request: { method, path, origin },
      response: { statusCode }
    } = evt
    debuglog(
      'received response to %s %s/%s - HTTP %d',
      method,
      origin,
      path,
      statusCode
    )
  })

  diagnosticsChannel.channel('undici:request:trailers').subscribe(evt => {
    const {
      request: { method, path, origin }
    } = evt
    debuglog('trailers received from %s %s/%s', method, origin, path)
  })

  diagnosticsChannel.channel('undici:request:error').subscribe(evt => {
    const {
      request: { method, path, origin },
      error
    } = evt
    debuglog(
      'request to %s %s/%s errored - %s',
      method,
      origin,
      path,
      error.message
    )
  })

  isClientSet = true
}

if (websocketDebuglog.enabled) {
  if (!isClientSet) {
    const debuglog = undiciDebugLog.enabled ? undiciDebugLog : websocketDebuglog
    diagnosticsChannel.channel('undici:client:beforeConnect').subscribe(evt => {
      const {
        connectParams: { version, protocol, port, host }
      } = evt
      debuglog(
        'connecting to %s%s using %s%s',
        host,
        port ? `:${port}` : '',
        protocol,
        version
      )
    })

    diagnosticsChannel.channel('undici:client:connected').subscribe(evt => {
      const {
        connectParams: { version, protocol, port, host }
      } = evt
      debuglog(
        'connected to %s%s using %s%s',
        host,
        port ? `:${port}` : '',
        protocol,
        version
      )
    })

    diagnosticsChannel.channel('undici:client:connectError').subscribe(evt => {
      const {
        connectParams: { version, protocol, port, host },
        error
      } = evt
      debuglog(
        'connection to %s%s using %s%s errored - %s',
        host,
        port ? `:${port}` : '',
        protocol,
        version,
        error.message
      )
    })

    diagnosticsChannel.channel('undici:client:sendHeaders').subscribe(evt => {
      const {
        request: { method, path, origin }
      } = evt
      debuglog('sending request to %s %s/%s', method, origin, path)
    })
  }

  // Track all WebSocket events
  diagnosticsChannel.channel('undici:websocket:open').subscribe(evt => {
    const {
      address: { address, port }
    } = evt
    websocketDebuglog('connection opened %s%s', address, port ? `:${port}` : '')
  })

  diagnosticsChannel.channel('undici:websocket:close').subscribe(evt => {
    const { websocket, code, reason } = evt
    websocketDebuglog(
      'closed connection to %s - %s %s',
      websocket.url,
      code,
      reason
    )
  })

  diagnosticsChannel.channel('undici:websocket:socket_error').subscribe(err => {
    websocketDebuglog('connection errored - %s', err.message)
  })

  diagnosticsChannel.channel('undici:websocket:ping').subscribe(evt => {
    websocketDebuglog('ping received')
  })

  diagnosticsChannel.channel('undici:websocket:pong').subscribe(evt => {
    websocketDebuglog('pong received')
  })
}

module.exports = {
  channels
}


/***/ }),

/***/ 8707:
/***/ ((module) => {



const kUndiciError = Symbol.for('undici.error.UND_ERR')
class UndiciError extends Error {
  constructor (message) {
    super(message)
    this.name = 'UndiciError'
    this.code = 'UND_ERR'
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kUndiciError] === true
  }

  [kUndiciError] = true
}

const kConnectTimeoutError = Symbol.for('undici.error.UND_ERR_CONNECT_TIMEOUT')
class ConnectTimeoutError extends UndiciError {
  constructor (message) {
    super(message)
    this.name = 'ConnectTimeoutError'
    this.message = message || 'Connect Timeout Error'
    this.code = 'UND_ERR_CONNECT_TIMEOUT'
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kConnectTimeoutError] === true
  }

  [kConnectTimeoutError] = true
}

const kHeadersTimeoutError = Symbol.for('undici.error.UND_ERR_HEADERS_TIMEOUT')
class HeadersTimeoutError extends UndiciError {
  constructor (message) {
    super(message)
    this.name = 'HeadersTimeoutError'
    this.message = message || 'Headers Timeout Error'
    this.code = 'UND_ERR_HEADERS_TIMEOUT'
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kHeadersTimeoutError] === true
  }

  [kHeadersTimeoutError] = true
}

const kHeadersOverflowError = Symbol.for('undici.error.UND_ERR_HEADERS_OVERFLOW')
class HeadersOverflowError extends UndiciError {
  constructor (message) {
    super(message)
    this.name = 'HeadersOverflowError'
    this.message = message || 'Headers Overflow Error'
    this.code = 'UND_ERR_HEADERS_OVERFLOW'
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kHeadersOverflowError] === true
  }

  [kHeadersOverflowError] = true
}

const kBodyTimeoutError = Symbol.for('undici.error.UND_ERR_BODY_TIMEOUT')
class BodyTimeoutError extends UndiciError {
  constructor (message) {
    super(message)
    this.name = 'BodyTimeoutError'
    this.message = message || 'Body Timeout Error'
    this.code = 'UND_ERR_BODY_TIMEOUT'
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kBodyTimeoutError] === true
  }

  [kBodyTimeoutError] = true
}

const kResponseStatusCodeError = Symbol.for('undici.error.UND_ERR_RESPONSE_STATUS_CODE')
class ResponseStatusCodeError extends UndiciError {
  constructor (message, statusCode, headers, body) {
    super(message)
    this.name = 'ResponseStatusCodeError'
    this.message = message || 'Response Status Code Error'
    this.code = 'UND_ERR_RESPONSE_STATUS_CODE'
    this.body = body
    this.status = statusCode
    this.statusCode = statusCode
    this.headers = headers
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kResponseStatusCodeError] === true
  }

  [kResponseStatusCodeError] = true
}

const kInvalidArgumentError = Symbol.for('undici.error.UND_ERR_INVALID_ARG')
class InvalidArgumentError extends UndiciError {
  constructor (message) {
    super(message)
    this.name = 'InvalidArgumentError'
    this.message = message || 'Invalid Argument Error'
    this.code = 'UND_ERR_INVALID_ARG'
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kInvalidArgumentError] === true
  }

  [kInvalidArgumentError] = true
}

const kInvalidReturnValueError = Symbol.for('undici.error.UND_ERR_INVALID_RETURN_VALUE')
class InvalidReturnValueError extends UndiciError {
  constructor (message) {
    super(message)
    this.name = 'InvalidReturnValueError'
    this.message = message || 'Invalid Return Value Error'
    this.code = 'UND_ERR_INVALID_RETURN_VALUE'
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kInvalidReturnValueError] === true
  }

  [kInvalidReturnValueError] = true
}

const kAbortError = Symbol.for('undici.error.UND_ERR_ABORT')
class AbortError extends UndiciError {
  constructor (message) {
    super(message)
    this.name = 'AbortError'
    this.message = message || 'The operation was aborted'
    this.code = 'UND_ERR_ABORT'
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kAbortError] === true
  }

  [kAbortError] = true
}

const kRequestAbortedError = Symbol.for('undici.error.UND_ERR_ABORTED')
class RequestAbortedError extends AbortError {
  constructor (message) {
    super(message)
    this.name = 'AbortError'
    this.message = message || 'Request aborted'
    this.code = 'UND_ERR_ABORTED'
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kRequestAbortedError] === true
  }

  [kRequestAbortedError] = true
}

const kInformationalError = Symbol.for('undici.error.UND_ERR_INFO')
class InformationalError extends UndiciError {
  constructor (message) {
    super(message)
    this.name = 'InformationalError'
    this.message = message || 'Request information'
    this.code = 'UND_ERR_INFO'
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kInformationalError] === true
  }

  [kInformationalError] = true
}

const kRequestContentLengthMismatchError = Symbol.for('undici.error.UND_ERR_REQ_CONTENT_LENGTH_MISMATCH')
class RequestContentLengthMismatchError extends UndiciError {
  constructor (message) {
    super(message)
    this.name = 'RequestContentLengthMismatchError'
    this.message = message || 'Request body length does not match content-length header'
    this.code = 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH'
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kRequestContentLengthMismatchError] === true
  }

  [kRequestContentLengthMismatchError] = true
}

const kResponseContentLengthMismatchError = Symbol.for('undici.error.UND_ERR_RES_CONTENT_LENGTH_MISMATCH')
class ResponseContentLengthMismatchError extends UndiciError {
  constructor (message) {
    super(message)
    this.name = 'ResponseContentLengthMismatchError'
    this.message = message || 'Response body length does not match content-length header'
    this.code = 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH'
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kResponseContentLengthMismatchError] === true
  }

  [kResponseContentLengthMismatchError] = true
}

const kClientDestroyedError = Symbol.for('undici.error.UND_ERR_DESTROYED')
class ClientDestroyedError extends UndiciError {
  constructor (message) {
    super(message)
    this.name = 'ClientDestroyedError'
    this.message = message || 'The client is destroyed'
    this.code = 'UND_ERR_DESTROYED'
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kClientDestroyedError] === true
  }

  [kClientDestroyedError] = true
}

const kClientClosedError = Symbol.for('undici.error.UND_ERR_CLOSED')
class ClientClosedError extends UndiciError {
  constructor (message) {
    super(message)
    this.name = 'ClientClosedError'
    this.message = message || 'The client is closed'
    this.code = 'UND_ERR_CLOSED'
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kClientClosedError] === true
  }

  [kClientClosedError] = true
}

const kSocketError = Symbol.for('undici.error.UND_ERR_SOCKET')
class SocketError extends UndiciError {
  constructor (message, socket) {
    super(message)
    this.name = 'SocketError'
    this.message = message || 'Socket error'
    this.code = 'UND_ERR_SOCKET'
    this.socket = socket
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kSocketError] === true
  }

  [kSocketError] = true
}

const kNotSupportedError = Symbol.for('undici.error.UND_ERR_NOT_SUPPORTED')
class NotSupportedError extends UndiciError {
  constructor (message) {
    super(message)
    this.name = 'NotSupportedError'
    this.message = message || 'Not supported error'
    this.code = 'UND_ERR_NOT_SUPPORTED'
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kNotSupportedError] === true
  }

  [kNotSupportedError] = true
}

const kBalancedPoolMissingUpstreamError = Symbol.for('undici.error.UND_ERR_BPL_MISSING_UPSTREAM')
class BalancedPoolMissingUpstreamError extends UndiciError {
  constructor (message) {
    super(message)
    this.name = 'MissingUpstreamError'
    this.message = message || 'No upstream has been added to the BalancedPool'
    this.code = 'UND_ERR_BPL_MISSING_UPSTREAM'
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kBalancedPoolMissingUpstreamError] === true
  }

  [kBalancedPoolMissingUpstreamError] = true
}

const kHTTPParserError = Symbol.for('undici.error.UND_ERR_HTTP_PARSER')
class HTTPParserError extends Error {
  constructor (message, code, data) {
    super(message)
    this.name = 'HTTPParserError'
    this.code = code ? `HPE_${code}` : undefined
    this.data = data ? data.toString() : undefined
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kHTTPParserError] === true
  }

  [kHTTPParserError] = true
}

const kResponseExceededMaxSizeError = Symbol.for('undici.error.UND_ERR_RES_EXCEEDED_MAX_SIZE')
class ResponseExceededMaxSizeError extends UndiciError {
  constructor (message) {
    super(message)
    this.name = 'ResponseExceededMaxSizeError'
    this.message = message || 'Response content exceeded max size'
    this.code = 'UND_ERR_RES_EXCEEDED_MAX_SIZE'
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kResponseExceededMaxSizeError] === true
  }

  [kResponseExceededMaxSizeError] = true
}

const kRequestRetryError = Symbol.for('undici.error.UND_ERR_REQ_RETRY')
class RequestRetryError extends UndiciError {
  constructor (message, code, { headers, data }) {
    super(message)
    this.name = 'RequestRetryError'
    this.message = message || 'Request retry error'
    this.code = 'UND_ERR_REQ_RETRY'
    this.statusCode = code
    this.data = data
    this.headers = headers
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kRequestRetryError] === true
  }

  [kRequestRetryError] = true
}

const kResponseError = Symbol.for('undici.error.UND_ERR_RESPONSE')
class ResponseError extends UndiciError {
  constructor (message, code, { headers, data }) {
    super(message)
    this.name = 'ResponseError'
    this.message = message || 'Response error'
    this.code = 'UND_ERR_RESPONSE'
    this.statusCode = code
    this.data = data
    this.headers = headers
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kResponseError] === true
  }

  [kResponseError] = true
}

const kSecureProxyConnectionError = Symbol.for('undici.error.UND_ERR_PRX_TLS')
class SecureProxyConnectionError extends UndiciError {
  constructor (cause, message, options) {
    super(message, { cause, ...(options ?? {}) })
    this.name = 'SecureProxyConnectionError'
    this.message = message || 'Secure Proxy Connection failed'
    this.code = 'UND_ERR_PRX_TLS'
    this.cause = cause
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kSecureProxyConnectionError] === true
  }

  [kSecureProxyConnectionError] = true
}

const kMessageSizeExceededError = Symbol.for('undici.error.UND_ERR_WS_MESSAGE_SIZE_EXCEEDED')
class MessageSizeExceededError extends UndiciError {
  constructor (message) {
    super(message)
    this.name = 'MessageSizeExceededError'
    this.message = message || 'Max decompressed message size exceeded'
    this.code = 'UND_ERR_WS_MESSAGE_SIZE_EXCEEDED'
  }

  static [Symbol.hasInstance] (instance) {
    return instance && instance[kMessageSizeExceededError] === true
  }

  get [kMessageSizeExceededError] () {
    return true
  }
}

module.exports = {
  AbortError,
  HTTPParserError,
  UndiciError,
  HeadersTimeoutError,
  HeadersOverflowError,
  BodyTimeoutError,
  RequestContentLengthMismatchError,
  ConnectTimeoutError,
  ResponseStatusCodeError,
  InvalidArgumentError,
  InvalidReturnValueError,
  RequestAbortedError,
  ClientDestroyedError,
  ClientClosedError,
  InformationalError,
  SocketError,
  NotSupportedError,
  ResponseContentLengthMismatchError,
  BalancedPoolMissingUpstreamError,
  ResponseExceededMaxSizeError,
  RequestRetryError,
  ResponseError,
  SecureProxyConnectionError,
  MessageSizeExceededError
}


/***/ }),

/***/ 4655:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const {
  InvalidArgumentError,
  NotSupportedError
} = __nccwpck_require__(8707)
const assert = __nccwpck_require__(4589)
const {
  isValidHTTPToken,
  isValidHeaderValue,
  isStream,
  destroy,
  isBuffer,
  isFormDataLike,
  isIterable,
  isBlobLike,
  buildURL,
  validateHandler,
  getServerName,
  normalizedMethodRecords
} = __nccwpck_require__(3440)
const { channels } = __nccwpck_require__(2414)
const { headerNameLowerCasedRecord } = __nccwpck_require__(735)

// Verifies that a given path is valid does not contain control chars \x00 to \x20
const invalidPathRegex = /[^\u0021-\u00ff]/

const kHandler = Symbol('handler')

class Request {
  constructor (origin, {
    path,
    method,
    body,
    headers,
    query,
    idempotent,
    blocking,
    upgrade,
    headersTimeout,
    bodyTimeout,
    reset,
    throwOnError,
    expectContinue,
    servername
  }, handler) {
    if (typeof path !== 'string') {
      throw new InvalidArgumentError('path must be a string')
    } else if (
      path[0] !== '/' &&
      !(path.startsWith('http://') || path.startsWith('https://')) &&
      method !== 'CONNECT'
    ) {
      throw new InvalidArgumentError('path must be an absolute URL or start with a slash')
    } else if (invalidPathRegex.test(path)) {
      throw new InvalidArgumentError('invalid request path')
    }

    if (typeof method !== 'string') {
      throw new InvalidArgumentError('method must be a string')
    } else if (normalizedMethodRecords[method] === undefined && !isValidHTTPToken(method)) {
      throw new InvalidArgumentError('invalid request method')
    }

    if (upgrade && typeof upgrade !== 'string') {
      throw new InvalidArgumentError('upgrade must be a string')
    }

    if (upgrade && !isValidHeaderValue(upgrade)) {
      throw new InvalidArgumentError('invalid upgrade header')
    }

    if (headersTimeout != null && (!Number.isFinite(headersTimeout) || headersTimeout < 0)) {
      throw new InvalidArgumentError('invalid headersTimeout')
    }

    if (bodyTimeout != null && (!Number.isFinite(bodyTimeout) || bodyTimeout < 0)) {
      throw new InvalidArgumentError('invalid bodyTimeout')
    }

    if (reset != null && typeof reset !== 'boolean') {
      throw new InvalidArgumentError('invalid reset')
    }

    if (expectContinue != null && typeof expectContinue !== 'boolean') {
      throw new InvalidArgumentError('invalid expectContinue')
    }

    this.headersTimeout = headersTimeout

    this.bodyTimeout = bodyTimeout

    this.throwOnError = throwOnError === true

    this.method = method

    this.abort = null

    if (body == null) {
      this.body = null
    } else if (isStream(body)) {
      this.body = body

      const rState = this.body._readableState
      if (!rState || !rState.autoDestroy) {
        this.endHandler = function autoDestroy () {
          destroy(this)
        }
        this.body.on('end', this.endHandler)
      }

      this.errorHandler = err => {
        if (this.abort) {
          this.abort(err)
        } else {
          this.error = err
        }
      }
      this.body.on('error', this.errorHandler)
    } else if (isBuffer(body)) {
      this.body = body.byteLength ? body : null
    } else if (ArrayBuffer.isView(body)) {
      this.body = body.buffer.byteLength ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : null
    } else if (body instanceof ArrayBuffer) {
      this.body = body.byteLength ? Buffer.from(body) : null
    } else if (typeof body === 'string') {
      this.body = body.length ? Buffer.from(body) : null
    } else if (isFormDataLike(body) || isIterable(body) || isBlobLike(body)) {
      this.body = body
    } else {
      throw new InvalidArgumentError('body must be a string, a Buffer, a Readable stream, an iterable, or an async iterable')
    }

    this.completed = false

    this.aborted = false

    this.upgrade = upgrade || null

    this.path = query ? buildURL(path, query) : path

    this.origin = origin

    this.idempotent = idempotent == null
      ? method === 'HEAD' || method === 'GET'
      : idempotent

    this.blocking = blocking == null ? false : blocking

    this.reset = reset == null ? null : reset

    this.host = null

    this.contentLength = null

    this.contentType = null

    this.headers = []

    // Only for H2
    this.expectContinue = expectContinue != null ? expectContinue : false

    if (Array.isArray(headers)) {
      if (headers.length % 2 !== 0) {
        throw new InvalidArgumentError('headers array must be even')
      }
      for (let i = 0; i < headers.length; i += 2) {
        processHeader(this, headers[i], headers[i + 1])
      }
    } else if (headers && typeof headers === 'object') {
      if (headers[Symbol.iterator]) {
        for (const header of headers) {
          if (!Array.isArray(header) || header.length !== 2) {
            throw new InvalidArgumentError('headers must be in key-value pair format')
          }
          processHeader(this, header[0], header[1])
        }
      } else {
        const keys = Object.keys(headers)
        for (let i = 0; i < keys.length; ++i) {
          processHeader(this, keys[i], headers[keys[i]])
        }
      }
    } else if (headers != null) {
      throw new InvalidArgumentError('headers must be an object or an array')
    }

    validateHandler(handler, method, upgrade)

    this.servername = servername || getServerName(this.host)

    this[kHandler] = handler

    if (channels.create.hasSubscribers) {
      channels.create.publish({ request: this })
    }
  }

  onBodySent (chunk) {
    if (this[kHandler].onBodySent) {
      try {
        return this[kHandler].onBodySent(chunk)
      } catch (err) {
        this.abort(err)
      }
    }
  }

  onRequestSent () {
    if (channels.bodySent.hasSubscribers) {
      channels.bodySent.publish({ request: this })
    }

    if (this[kHandler].onRequestSent) {
      try {
        return this[kHandler].onRequestSent()
      } catch (err) {
        this.abort(err)
      }
    }
  }

  onConnect (abort) {
    assert(!this.aborted)
    assert(!this.completed)

    if (this.error) {
      abort(this.error)
    } else {
      this.abort = abort
      return this[kHandler].onConnect(abort)
    }
  }

  onResponseStarted () {
    return this[kHandler].onResponseStarted?.()
  }

  onHeaders (statusCode, headers, resume, statusText) {
    assert(!this.aborted)
    assert(!this.completed)

    if (channels.headers.hasSubscribers) {
      channels.headers.publish({ request: this, response: { statusCode, headers, statusText } })
    }

    try {
      return this[kHandler].onHeaders(statusCode, headers, resume, statusText)
    } catch (err) {
      this.abort(err)
    }
  }

  onData (chunk) {
    assert(!this.aborted)
    assert(!this.completed)

    try {
      return this[kHandler].onData(chunk)
    } catch (err) {
      this.abort(err)
      return false
    }
  }

  /**
   * @param {number|null} statusCode
   * @param {Buffer[]|null} headers
   * @param {import('node:stream').Duplex} socket
   * @param {string} [statusText]
   */
  onUpgrade (statusCode, headers, socket, statusText = '') {
    this.onFinally()

    assert(!this.aborted)
    assert(!this.completed)

    if (statusCode !== null) {
      this.#publishUpgradeHeaders(statusCode, headers, statusText)
    }

    const result = this[kHandler].onUpgrade(statusCode, headers, socket)

    if (!this.aborted) {
      this.completed = true
      if (statusCode !== null) {
        this.#publishUpgradeTrailers()
      }
    }

    return result
  }

  /**
   * @param {number} statusCode
   * @param {import('node:http2').IncomingHttpHeaders} headers
   * @param {(headers: import('node:http2').IncomingHttpHeaders) => Buffer[]} parseHeaders
   * @param {string} [statusText]
   */
  onUpgradeResponse (statusCode, headers, parseHeaders, statusText = '') {
    assert(!this.aborted)
    assert(this.completed)

    if (channels.headers.hasSubscribers) {
      this.#publishUpgradeHeaders(statusCode, parseHeaders(headers), statusText)
    }
    this.#publishUpgradeTrailers()
  }

  /**
   * @param {Error} error
   */
  onUpgradeError (error) {
    assert(!this.aborted)
    assert(this.completed)

    if (channels.error.hasSubscribers) {
      channels.error.publish({ request: this, error })
    }
  }

  /**
   * @param {number} statusCode
   * @param {Buffer[]} headers
   * @param {string} statusText
   */
  #publishUpgradeHeaders (statusCode, headers, statusText) {
    if (channels.headers.hasSubscribers) {
      channels.headers.publish({ request: this, response: { statusCode, headers, statusText } })
    }
  }

  #publishUpgradeTrailers () {
    if (channels.trailers.hasSubscribers) {
      channels.trailers.publish({ request: this, trailers: [] })
    }
  }

  onComplete (trailers) {
    this.onFinally()

    assert(!this.aborted)

    this.completed = true
    if (channels.trailers.hasSubscribers) {
      channels.trailers.publish({ request: this, trailers })
    }

    try {
      return this[kHandler].onComplete(trailers)
    } catch (err) {
      // TODO (fix): This might be a bad idea?
      this.onError(err)
    }
  }

  onError (error) {
    this.onFinally()

    if (channels.error.hasSubscribers) {
      channels.error.publish({ request: this, error })
    }

    if (this.aborted) {
      return
    }
    this.aborted = true

    return this[kHandler].onError(error)
  }

  onFinally () {
    if (this.errorHandler) {
      this.body.off('error', this.errorHandler)
      this.errorHandler = null
    }

    if (this.endHandler) {
      this.body.off('end', this.endHandler)
      this.endHandler = null
    }
  }

  addHeader (key, value) {
    processHeader(this, key, value)
    return this
  }
}

function processHeader (request, key, val) {
  if (val && (typeof val === 'object' && !Array.isArray(val))) {
    throw new InvalidArgumentError(`invalid ${key} header`)
  } else if (val === undefined) {
    return
  }

  let headerName = headerNameLowerCasedRecord[key]

  if (headerName === undefined) {
    headerName = key.toLowerCase()
    if (headerNameLowerCasedRecord[headerName] === undefined && !isValidHTTPToken(headerName)) {
      throw new InvalidArgumentError('invalid header key')
    }
  }

  if (Array.isArray(val)) {
    const arr = []
    for (let i = 0; i < val.length; i++) {
      if (typeof val[i] === 'string') {
        if (!isValidHeaderValue(val[i])) {
          throw new InvalidArgumentError(`invalid ${key} header`)
        }
        arr.push(val[i])
      } else if (val[i] === null) {
        arr.push('')
      } else if (typeof val[i] === 'object') {
        throw new InvalidArgumentError(`invalid ${key} header`)
      } else {
        // Coerce primitives (and reject unsafe coercions such as functions
        // with a crafted toString/Symbol.toPrimitive).
        const str = `${val[i]}`
        if (!isValidHeaderValue(str)) {
          throw new InvalidArgumentError(`invalid ${key} header`)
        }
        arr.push(str)
      }
    }
    val = arr
  } else if (typeof val === 'string') {
    if (!isValidHeaderValue(val)) {
      throw new InvalidArgumentError(`invalid ${key} header`)
    }
  } else if (val === null) {
    val = ''
  } else {
    // Coerce primitives (and reject unsafe coercions such as functions
    // with a crafted toString/Symbol.toPrimitive).
    val = `${val}`
    if (!isValidHeaderValue(val)) {
      throw new InvalidArgumentError(`invalid ${key} header`)
    }
  }

  if (headerName === 'host') {
    if (request.host !== null) {
      throw new InvalidArgumentError('duplicate host header')
    }
    if (typeof val !== 'string') {
      throw new InvalidArgumentError('invalid host header')
    }
    // Consumed by Client
    request.host = val
  } else if (headerName === 'content-length') {
    if (request.contentLength !== null) {
      throw new InvalidArgumentError('duplicate content-length header')
    }
    request.contentLength = parseInt(val, 10)
    if (!Number.isFinite(request.contentLength)) {
      throw new InvalidArgumentError('invalid content-length header')
    }
  } else if (request.contentType === null && headerName === 'content-type') {
    request.contentType = val
    request.headers.push(key, val)
  } else if (headerName === 'transfer-encoding' || headerName === 'keep-alive' || headerName === 'upgrade') {
    throw new InvalidArgumentError(`invalid ${headerName} header`)
  } else if (headerName === 'connection') {
    const value = typeof val === 'string' ? val.toLowerCase() : null
    if (value !== 'close' && value !== 'keep-alive') {
      throw new InvalidArgumentError('invalid connection header')
    }

    if (value === 'close') {
      request.reset = true
    }
  } else if (headerName === 'expect') {
    throw new NotSupportedError('expect header not supported')
  } else {
    request.headers.push(key, val)
  }
}

module.exports = Request


/***/ }),

/***/ 6443:
/***/ ((module) => {

module.exports = {
  kClose: Symbol('close'),
  kDestroy: Symbol('destroy'),
  kDispatch: Symbol('dispatch'),
  kUrl: Symbol('url'),
  kWriting: Symbol('writing'),
  kResuming: Symbol('resuming'),
  kQueue: Symbol('queue'),
  kConnect: Symbol('connect'),
  kConnecting: Symbol('connecting'),
  kKeepAliveDefaultTimeout: Symbol('default keep alive timeout'),
  kKeepAliveMaxTimeout: Symbol('max keep alive timeout'),
  kKeepAliveTimeoutThreshold: Symbol('keep alive timeout threshold'),
  kKeepAliveTimeoutValue: Symbol('keep alive timeout'),
  kKeepAlive: Symbol('keep alive'),
  kHeadersTimeout: Symbol('headers timeout'),
  kBodyTimeout: Symbol('body timeout'),
  kServerName: Symbol('server name'),
  kLocalAddress: Symbol('local address'),
  kHost: Symbol('host'),
  kNoRef: Symbol('no ref'),
  kBodyUsed: Symbol('used'),
  kBody: Symbol('abstracted request body'),
  kRunning: Symbol('running'),
  kBlocking: Symbol('blocking'),
  kPending: Symbol('pending'),
  kSize: Symbol('size'),
  kBusy: Symbol('busy'),
  kQueued: Symbol('queued'),
  kFree: Symbol('free'),
  kConnected: Symbol('connected'),
  kClosed: Symbol('closed'),
  kNeedDrain: Symbol('need drain'),
  kReset: Symbol('reset'),
  kDestroyed: Symbol.for('nodejs.stream.destroyed'),
  kResume: Symbol('resume'),
  kOnError: Symbol('on error'),
  kMaxHeadersSize: Symbol('max headers size'),
  kRunningIdx: Symbol('running index'),
  kPendingIdx: Symbol('pending index'),
  kError: Symbol('error'),
  kClients: Symbol('clients'),
  kClient: Symbol('client'),
  kParser: Symbol('parser'),
  kOnDestroyed: Symbol('destroy callbacks'),
  kPipelining: Symbol('pipelining'),
  kSocket: Symbol('socket'),
  kHostHeader: Symbol('host header'),
  kConnector: Symbol('connector'),
  kStrictContentLength: Symbol('strict content length'),
  kMaxRedirections: Symbol('maxRedirections'),
  kMaxRequests: Symbol('maxRequestsPerClient'),
  kProxy: Symbol('proxy agent options'),
  kCounter: Symbol('socket request counter'),
  kInterceptors: Symbol('dispatch interceptors'),
  kMaxResponseSize: Symbol('max response size'),
  kHTTP2Session: Symbol('http2Session'),
  kHTTP2SessionState: Symbol('http2Session state'),
  kRetryHandlerDefaultRetry: Symbol('retry agent default retry'),
  kConstruct: Symbol('constructable'),
  kListeners: Symbol('listeners'),
  kHTTPContext: Symbol('http context'),
  kMaxConcurrentStreams: Symbol('max concurrent streams'),
  kNoProxyAgent: Symbol('no proxy agent'),
  kHttpProxyAgent: Symbol('http proxy agent'),
  kHttpsProxyAgent: Symbol('https proxy agent')
}


/***/ }),

/***/ 7752:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const {
  wellknownHeaderNames,
  headerNameLowerCasedRecord
} = __nccwpck_require__(735)

class TstNode {
  /** @type {any} */
  value = null
  /** @type {null | TstNode} */
  left = null
  /** @type {null | TstNode} */
  middle = null
  /** @type {null | TstNode} */
  right = null
  /** @type {number} */
  code
  /**
   * @param {string} key
   * @param {any} value
   * @param {number} index
   */
  constructor (key, value, index) {
    if (index === undefined || index >= key.length) {
      throw new TypeError('Unreachable')
    }
    const code = this.code = key.charCodeAt(index)
    // check code is ascii string
    if (code > 0x7F) {
      throw new TypeError('key must be ascii string')
    }
    if (key.length !== ++index) {
      this.middle = new TstNode(key, value, index)
    } else {
      this.value = value
    }
  }

  /**
   * @param {string} key
   * @param {any} value
   */
  add (key, value) {
    const length = key.length
    if (length === 0) {
      throw new TypeError('Unreachable')
    }
    let index = 0
    let node = this
    while (true) {
      const code = key.charCodeAt(index)
      // check code is ascii string
      if (code > 0x7F) {
        throw new TypeError('key must be ascii string')
      }
      if (node.code === code) {
        if (length === ++index) {
          node.value = value
          break
        } else if (node.middle !== null) {
          node = node.middle
        } else {
          node.middle = new TstNode(key, value, index)
          break
        }
      } else if (node.code < code) {
        if (node.left !== null) {
          node = node.left
        } else {
          node.left = new TstNode(key, value, index)
          break
        }
      } else if (node.right !== null) {
        node = node.right
      } else {
        node.right = new TstNode(key, value, index)
        break
      }
    }
  }

  /**
   * @param {Uint8Array} key
   * @return {TstNode | null}
   */
  search (key) {
    const keylength = key.length
    let index = 0
    let node = this
    while (node !== null && index < keylength) {
      let code = key[index]
      // A-Z
      // First check if it is bigger than 0x5a.
      // Lowercase letters have higher char codes than uppercase ones.
      // Also we assume that headers will mostly contain lowercase characters.
      if (code <= 0x5a && code >= 0x41) {
        // Lowercase for uppercase.
        code |= 32
      }
      while (node !== null) {
        if (code === node.code) {
          if (keylength === ++index) {
            // Returns Node since it is the last key.
            return node
          }
          node = node.middle
          break
        }
        node = node.code < code ? node.left : node.right
      }
    }
    return null
  }
}

class TernarySearchTree {
  /** @type {TstNode | null} */
  node = null

  /**
   * @param {string} key
   * @param {any} value
   * */
  insert (key, value) {
    if (this.node === null) {
      this.node = new TstNode(key, value, 0)
    } else {
      this.node.add(key, value)
    }
  }

  /**
   * @param {Uint8Array} key
   * @return {any}
   */
  lookup (key) {
    return this.node?.search(key)?.value ?? null
  }
}

const tree = new TernarySearchTree()

for (let i = 0; i < wellknownHeaderNames.length; ++i) {
  const key = headerNameLowerCasedRecord[wellknownHeaderNames[i]]
  tree.insert(key, key)
}

module.exports = {
  TernarySearchTree,
  tree
}


/***/ }),

/***/ 3440:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const assert = __nccwpck_require__(4589)
const { kDestroyed, kBodyUsed, kListeners, kBody } = __nccwpck_require__(6443)
const { IncomingMessage } = __nccwpck_require__(7067)
const stream = __nccwpck_require__(7075)
const net = __nccwpck_require__(7030)
const { Blob } = __nccwpck_require__(4573)
const nodeUtil = __nccwpck_require__(7975)
const { stringify } = __nccwpck_require__(9411)
const { EventEmitter: EE } = __nccwpck_require__(8474)
const { InvalidArgumentError } = __nccwpck_require__(8707)
const { headerNameLowerCasedRecord } = __nccwpck_require__(735)
const { tree } = __nccwpck_require__(7752)

const [nodeMajor, nodeMinor] = process.versions.node.split('.').map(v => Number(v))

class BodyAsyncIterable {
  constructor (body) {
    this[kBody] = body
    this[kBodyUsed] = false
  }

  async * [Symbol.asyncIterator] () {
    assert(!this[kBodyUsed], 'disturbed')
    this[kBodyUsed] = true
    yield * this[kBody]
  }
}

function wrapRequestBody (body) {
  if (isStream(body)) {
    // TODO (fix): Provide some way for the user to cache the file to e.g. /tmp
    // so that it can be dispatched again?
    // TODO (fix): Do we need 100-expect support to provide a way to do this properly?
    if (bodyLength(body) === 0) {
      body
        .on('data', function () {
          assert(false)
        })
    }

    if (typeof body.readableDidRead !== 'boolean') {
      body[kBodyUsed] = false
      EE.prototype.on.call(body, 'data', function () {
        this[kBodyUsed] = true
      })
    }

    return body
  } else if (body && typeof body.pipeTo === 'function') {
    // TODO (fix): We can't access ReadableStream internal state
    // to determine whether or not it has been disturbed. This is just
    // a workaround.
    return new BodyAsyncIterable(body)
  } else if (
    body &&
    typeof body !== 'string' &&
    !ArrayBuffer.isView(body) &&
    isIterable(body)
  ) {
    // TODO: Should we allow re-using iterable if !this.opts.idempotent
    // or through some other flag?
    return new BodyAsyncIterable(body)
  } else {
    return body
  }
}

function nop () {}

function isStream (obj) {
  return obj && typeof obj === 'object' && typeof obj.pipe === 'function' && typeof obj.on === 'function'
}

// based on https://github.com/node-fetch/fetch-blob/blob/8ab587d34080de94140b54f07168451e7d0b655e/index.js#L229-L241 (MIT License)
function isBlobLike (object) {
  if (object === null) {
    return false
  } else if (object instanceof Blob) {
    return true
  } else if (typeof object !== 'object') {
    return false
  } else {
    const sTag = object[Symbol.toStringTag]

    return (sTag === 'Blob' || sTag === 'File') && (
      ('stream' in object && typeof object.stream === 'function') ||
      ('arrayBuffer' in object && typeof object.arrayBuffer === 'function')
    )
  }
}

function buildURL (url, queryParams) {
  if (url.includes('?') || url.includes('#')) {
    throw new Error('Query params cannot be passed when url already contains "?" or "#".')
  }

  const stringified = stringify(queryParams)

  if (stringified) {
    url += '?' + stringified
  }

  return url
}

function isValidPort (port) {
  const value = parseInt(port, 10)
  return (
    value === Number(port) &&
    value >= 0 &&
    value <= 65535
  )
}

function isHttpOrHttpsPrefixed (value) {
  return (
    value != null &&
    value[0] === 'h' &&
    value[1] === 't' &&
    value[2] === 't' &&
    value[3] === 'p' &&
    (
      value[4] === ':' ||
      (
        value[4] === 's' &&
        value[5] === ':'
      )
    )
  )
}

function parseURL (url) {
  if (typeof url === 'string') {
    url = new URL(url)

    if (!isHttpOrHttpsPrefixed(url.origin || url.protocol)) {
      throw new InvalidArgumentError('Invalid URL protocol: the URL must start with `http:` or `https:`.')
    }

    return url
  }

  if (!url || typeof url !== 'object') {
    throw new InvalidArgumentError('Invalid URL: The URL argument must be a non-null object.')
  }

  if (!(url instanceof URL)) {
    if (url.port != null && url.port !== '' && isValidPort(url.port) === false) {
      throw new InvalidArgumentError('Invalid URL: port must be a valid integer or a string representation of an integer.')
    }

    if (url.path != null && typeof url.path !== 'string') {
      throw new InvalidArgumentError('Invalid URL path: the path must be a string or null/undefined.')
    }

    if (url.pathname != null && typeof url.pathname !== 'string') {
      throw new InvalidArgumentError('Invalid URL pathname: the pathname must be a string or null/undefined.')
    }

    if (url.hostname != null && typeof url.hostname !== 'string') {
      throw new InvalidArgumentError('Invalid URL hostname: the hostname must be a string or null/undefined.')
    }

    if (url.origin != null && typeof url.origin !== 'string') {
      throw new InvalidArgumentError('Invalid URL origin: the origin must be a string or null/undefined.')
    }

    if (!isHttpOrHttpsPrefixed(url.origin || url.protocol)) {
      throw new InvalidArgumentError('Invalid URL protocol: the URL must start with `http:` or `https:`.')
    }

    const port = url.port != null
      ? url.port
      : (url.protocol === 'https:' ? 443 : 80)
    let origin = url.origin != null
      ? url.origin
      : `${url.protocol || ''}//${url.hostname || ''}:${port}`
    let path = url.path != null
      ? url.path
      : `${url.pathname || ''}${url.search || ''}`

    if (origin[origin.length - 1] === '/') {
      origin = origin.slice(0, origin.length - 1)
    }

    if (path && path[0] !== '/') {
      path = `/${path}`
    }
    // new URL(path, origin) is unsafe when `path` contains an absolute URL
    // From https://developer.mozilla.org/en-US/docs/Web/API/URL/URL:
    // If first parameter is a relative URL, second param is required, and will be used as the base URL.
    // If first parameter is an absolute URL, a given second param will be ignored.
    return new URL(`${origin}${path}`)
  }

  if (!isHttpOrHttpsPrefixed(url.origin || url.protocol)) {
    throw new InvalidArgumentError('Invalid URL protocol: the URL must start with `http:` or `https:`.')
  }

  return url
}

function parseOrigin (url) {
  url = parseURL(url)

  if (url.pathname !== '/' || url.search || url.hash) {
    throw new InvalidArgumentError('invalid url')
  }

  return url
}

function getHostname (host) {
  if (host[0] === '[') {
    const idx = host.indexOf(']')

    assert(idx !== -1)
    return host.substring(1, idx)
  }

  const idx = host.indexOf(':')
  if (idx === -1) return host

  return host.substring(0, idx)
}

// IP addresses are not valid server names per RFC6066
// > Currently, the only server names supported are DNS hostnames
function getServerName (host) {
  if (!host) {
    return null
  }

  assert(typeof host === 'string')

  const servername = getHostname(host)
  if (net.isIP(servername)) {
    return ''
  }

  return servername
}

function deepClone (obj) {
  return JSON.parse(JSON.stringify(obj))
}

function isAsyncIterable (obj) {
  return !!(obj != null && typeof obj[Symbol.asyncIterator] === 'function')
}

function isIterable (obj) {
  return !!(obj != null && (typeof obj[Symbol.iterator] === 'function' || typeof obj[Symbol.asyncIterator] === 'function'))
}

function bodyLength (body) {
  if (body == null) {
    return 0
  } else if (isStream(body)) {
    const state = body._readableState
    return state && state.objectMode === false && state.ended === true && Number.isFinite(state.length)
      ? state.length
      : null
  } else if (isBlobLike(body)) {
    return body.size != null ? body.size : null
  } else if (isBuffer(body)) {
    return body.byteLength
  }

  return null
}

function isDestroyed (body) {
  return body && !!(body.destroyed || body[kDestroyed] || (stream.isDestroyed?.(body)))
}

function destroy (stream, err) {
  if (stream == null || !isStream(stream) || isDestroyed(stream)) {
    return
  }

  if (typeof stream.destroy === 'function') {
    if (Object.getPrototypeOf(stream).constructor === IncomingMessage) {
      // See: https://github.com/nodejs/node/pull/38505/files
      stream.socket = null
    }

    stream.destroy(err)
  } else if (err) {
    queueMicrotask(() => {
      stream.emit('error', err)
    })
  }

  if (stream.destroyed !== true) {
    stream[kDestroyed] = true
  }
}

const KEEPALIVE_TIMEOUT_EXPR = /timeout=(\d+)/
function parseKeepAliveTimeout (val) {
  const m = val.toString().match(KEEPALIVE_TIMEOUT_EXPR)
  return m ? parseInt(m[1], 10) * 1000 : null
}

/**
 * Retrieves a header name and returns its lowercase value.
 * @param {string | Buffer} value Header name
 * @returns {string}
 */
function headerNameToString (value) {
  return typeof value === 'string'
    ? headerNameLowerCasedRecord[value] ?? value.toLowerCase()
    : tree.lookup(value) ?? value.toString('latin1').toLowerCase()
}

/**
 * Receive the buffer as a string and return its lowercase value.
 * @param {Buffer} value Header name
 * @returns {string}
 */
function bufferToLowerCasedHeaderName (value) {
  return tree.lookup(value) ?? value.toString('latin1').toLowerCase()
}

/**
 * @param {Record<string, string | string[]> | (Buffer | string | (Buffer | string)[])[]} headers
 * @param {Record<string, string | string[]>} [obj]
 * @returns {Record<string, string | string[]>}
 */
function parseHeaders (headers, obj) {
  if (obj === undefined) obj = {}
  for (let i = 0; i < headers.length; i += 2) {
    const key = headerNameToString(headers[i])
    let val = obj[key]

    if (val) {
      if (typeof val === 'string') {
        val = [val]
        obj[key] = val
      }
      val.push(headers[i + 1].toString('utf8'))
    } else {
      const headersValue = headers[i + 1]
      if (typeof headersValue === 'string') {
        obj[key] = headersValue
      } else {
        obj[key] = Array.isArray(headersValue) ? headersValue.map(x => x.toString('utf8')) : headersValue.toString('utf8')
      }
    }
  }

  // See https://github.com/nodejs/node/pull/46528
  if ('content-length' in obj && 'content-disposition' in obj) {
    obj['content-disposition'] = Buffer.from(obj['content-disposition']).toString('latin1')
  }

  return obj
}

function parseRawHeaders (headers) {
  const len = headers.length
  const ret = new Array(len)

  let hasContentLength = false
  let contentDispositionIdx = -1
  let key
  let val
  let kLen = 0

  for (let n = 0; n < headers.length; n += 2) {
    key = headers[n]
    val = headers[n + 1]

    typeof key !== 'string' && (key = key.toString())
    typeof val !== 'string' && (val = val.toString('utf8'))

    kLen = key.length
    if (kLen === 14 && key[7] === '-' && (key === 'content-length' || key.toLowerCase() === 'content-length')) {
      hasContentLength = true
    } else if (kLen === 19 && key[7] === '-' && (key === 'content-disposition' || key.toLowerCase() === 'content-disposition')) {
      contentDispositionIdx = n + 1
    }
    ret[n] = key
    ret[n + 1] = val
  }

  // See https://github.com/nodejs/node/pull/46528
  if (hasContentLength && contentDispositionIdx !== -1) {
    ret[contentDispositionIdx] = Buffer.from(ret[contentDispositionIdx]).toString('latin1')
  }

  return ret
}

function isBuffer (buffer) {
  // See, https://github.com/mcollina/undici/pull/319
  return buffer instanceof Uint8Array || Buffer.isBuffer(buffer)
}

function validateHandler (handler, method, upgrade) {
  if (!handler || typeof handler !== 'object') {
    throw new InvalidArgumentError('handler must be an object')
  }

  if (typeof handler.onConnect !== 'function') {
    throw new InvalidArgumentError('invalid onConnect method')
  }

  if (typeof handler.onError !== 'function') {
    throw new InvalidArgumentError('invalid onError method')
  }

  if (typeof handler.onBodySent !== 'function' && handler.onBodySent !== undefined) {
    throw new InvalidArgumentError('invalid onBodySent method')
  }

  if (upgrade || method === 'CONNECT') {
    if (typeof handler.onUpgrade !== 'function') {
      throw new InvalidArgumentError('invalid onUpgrade method')
    }
  } else {
    if (typeof handler.onHeaders !== 'function') {
      throw new InvalidArgumentError('invalid onHeaders method')
    }

    if (typeof handler.onData !== 'function') {
      throw new InvalidArgumentError('invalid onData method')
    }

    if (typeof handler.onComplete !== 'function') {
      throw new InvalidArgumentError('invalid onComplete method')
    }
  }
}

// A body is disturbed if it has been read from and it cannot
// be re-used without losing state or data.
function isDisturbed (body) {
  // TODO (fix): Why is body[kBodyUsed] needed?
  return !!(body && (stream.isDisturbed(body) || body[kBodyUsed]))
}

function isErrored (body) {
  return !!(body && stream.isErrored(body))
}

function isReadable (body) {
  return !!(body && stream.isReadable(body))
}

function getSocketInfo (socket) {
  return {
    localAddress: socket.localAddress,
    localPort: socket.localPort,
    remoteAddress: socket.remoteAddress,
    remotePort: socket.remotePort,
    remoteFamily: socket.remoteFamily,
    timeout: socket.timeout,
    bytesWritten: socket.bytesWritten,
    bytesRead: socket.bytesRead
  }
}

/** @type {globalThis['ReadableStream']} */
function ReadableStreamFrom (iterable) {
  // We cannot use ReadableStream.from here because it does not return a byte stream.

  let iterator
  return new ReadableStream(
    {
      async start () {
        iterator = iterable[Symbol.asyncIterator]()
      },
      async pull (controller) {
        const { done, value } = await iterator.next()
        if (done) {
          queueMicrotask(() => {
            controller.close()
            controller.byobRequest?.respond(0)
          })
        } else {
          const buf = Buffer.isBuffer(value) ? value : Buffer.from(value)
          if (buf.byteLength) {
            controller.enqueue(new Uint8Array(buf))
          }
        }
        return controller.desiredSize > 0
      },
      async cancel (reason) {
        await iterator.return()
      },
      type: 'bytes'
    }
  )
}

// The chunk should be a FormData instance and contains
// all the required methods.
function isFormDataLike (object) {
  return (
    object &&
    typeof object === 'object' &&
    typeof object.append === 'function' &&
    typeof object.delete === 'function' &&
    typeof object.get === 'function' &&
    typeof object.getAll === 'function' &&
    typeof object.has === 'function' &&
    typeof object.set === 'function' &&
    object[Symbol.toStringTag] === 'FormData'
  )
}

function addAbortListener (signal, listener) {
  if ('addEventListener' in signal) {
    signal.addEventListener('abort', listener, { once: true })
    return () => signal.removeEventListener('abort', listener)
  }
  signal.addListener('abort', listener)
  return () => signal.removeListener('abort', listener)
}

const hasToWellFormed = typeof String.prototype.toWellFormed === 'function'
const hasIsWellFormed = typeof String.prototype.isWellFormed === 'function'

/**
 * @param {string} val
 */
function toUSVString (val) {
  return hasToWellFormed ? `${val}`.toWellFormed() : nodeUtil.toUSVString(val)
}

/**
 * @param {string} val
 */
// TODO: move this to webidl
function isUSVString (val) {
  return hasIsWellFormed ? `${val}`.isWellFormed() : toUSVString(val) === `${val}`
}

/**
 * @see https://tools.ietf.org/html/rfc7230#section-3.2.6
 * @param {number} c
 */
function isTokenCharCode (c) {
  switch (c) {
    case 0x22:
    case 0x28:
    case 0x29:
    case 0x2c:
    case 0x2f:
    case 0x3a:
    case 0x3b:
    case 0x3c:
    case 0x3d:
    case 0x3e:
    case 0x3f:
    case 0x40:
    case 0x5b:
    case 0x5c:
    case 0x5d:
    case 0x7b:
    case 0x7d:
      // DQUOTE and "(),/:;<=>?@[\]{}"
      return false
    default:
      // VCHAR %x21-7E
      return c >= 0x21 && c <= 0x7e
  }
}

/**
 * @param {string} characters
 */
function isValidHTTPToken (characters) {
  if (characters.length === 0) {
    return false
  }
  for (let i = 0; i < characters.length; ++i) {
    if (!isTokenCharCode(characters.charCodeAt(i))) {
      return false
    }
  }
  return true
}

// headerCharRegex have been lifted from
// https://github.com/nodejs/node/blob/main/lib/_http_common.js

/**
 * Matches if val contains an invalid field-vchar
 *  field-value    = *( field-content / obs-fold )
 *  field-content  = field-vchar [ 1*( SP / HTAB ) field-vchar ]
 *  field-vchar    = VCHAR / obs-text
 */
const headerCharRegex = /[^\t\x20-\x7e\x80-\xff]/

/**
 * @param {string} characters
 */
function isValidHeaderValue (characters) {
  return !headerCharRegex.test(characters)
}

// Parsed accordingly to RFC 9110
// https://www.rfc-editor.org/rfc/rfc9110#field.content-range
function parseRangeHeader (range) {
  if (range == null || range === '') return { start: 0, end: null, size: null }

  const m = range ? range.match(/^bytes (\d+)-(\d+)\/(\d+)?$/) : null
  return m
    ? {
        start: parseInt(m[1]),
        end: m[2] ? parseInt(m[2]) : null,
        size: m[3] ? parseInt(m[3]) : null
      }
    : null
}

function addListener (obj, name, listener) {
  const listeners = (obj[kListeners] ??= [])
  listeners.push([name, listener])
  obj.on(name, listener)
  return obj
}

function removeAllListeners (obj) {
  for (const [name, listener] of obj[kListeners] ?? []) {
    obj.removeListener(name, listener)
  }
  obj[kListeners] = null
}

function errorRequest (client, request, err) {
  try {
    request.onError(err)
    assert(request.aborted)
  } catch (err) {
    client.emit('error', err)
  }
}

const kEnumerableProperty = Object.create(null)
kEnumerableProperty.enumerable = true

const normalizedMethodRecordsBase = {
  delete: 'DELETE',
  DELETE: 'DELETE',
  get: 'GET',
  GET: 'GET',
  head: 'HEAD',
  HEAD: 'HEAD',
  options: 'OPTIONS',
  OPTIONS: 'OPTIONS',
  post: 'POST',
  POST: 'POST',
  put: 'PUT',
  PUT: 'PUT'
}

const normalizedMethodRecords = {
  ...normalizedMethodRecordsBase,
  patch: 'patch',
  PATCH: 'PATCH'
}

// Note: object prototypes should not be able to be referenced. e.g. `Object#hasOwnProperty`.
Object.setPrototypeOf(normalizedMethodRecordsBase, null)
Object.setPrototypeOf(normalizedMethodRecords, null)

module.exports = {
  kEnumerableProperty,
  nop,
  isDisturbed,
  isErrored,
  isReadable,
  toUSVString,
  isUSVString,
  isBlobLike,
  parseOrigin,
  parseURL,
  getServerName,
  isStream,
  isIterable,
  isAsyncIterable,
  isDestroyed,
  headerNameToString,
  bufferToLowerCasedHeaderName,
  addListener,
  removeAllListeners,
  errorRequest,
  parseRawHeaders,
  parseHeaders,
  parseKeepAliveTimeout,
  destroy,
  bodyLength,
  deepClone,
  ReadableStreamFrom,
  isBuffer,
  validateHandler,
  getSocketInfo,
  isFormDataLike,
  buildURL,
  addAbortListener,
  isValidHTTPToken,
  isValidHeaderValue,
  isTokenCharCode,
  parseRangeHeader,
  normalizedMethodRecordsBase,
  normalizedMethodRecords,
  isValidPort,
  isHttpOrHttpsPrefixed,
  nodeMajor,
  nodeMinor,
  safeHTTPMethods: ['GET', 'HEAD', 'OPTIONS', 'TRACE'],
  wrapRequestBody
}


/***/ }),

/***/ 7405:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { InvalidArgumentError } = __nccwpck_require__(8707)
const { kClients, kRunning, kClose, kDestroy, kDispatch, kInterceptors } = __nccwpck_require__(6443)
const DispatcherBase = __nccwpck_require__(1841)
const Pool = __nccwpck_require__(628)
const Client = __nccwpck_require__(3701)
const util = __nccwpck_require__(3440)
const createRedirectInterceptor = __nccwpck_require__(5092)

const kOnConnect = Symbol('onConnect')
const kOnDisconnect = Symbol('onDisconnect')
const kOnConnectionError = Symbol('onConnectionError')
const kMaxRedirections = Symbol('maxRedirections')
const kOnDrain = Symbol('onDrain')
const kFactory = Symbol('factory')
const kOptions = Symbol('options')

function defaultFactory (origin, opts) {
  return opts && opts.connections === 1
    ? new Client(origin, opts)
    : new Pool(origin, opts)
}

class Agent extends DispatcherBase {
  constructor ({ factory = defaultFactory, maxRedirections = 0, connect, tls, ...options } = {}) {
    if (typeof factory !== 'function') {
      throw new InvalidArgumentError('factory must be a function.')
    }

    if (connect != null && typeof connect !== 'function' && typeof connect !== 'object') {
      throw new InvalidArgumentError('connect must be a function or an object')
    }

    if (!Number.isInteger(maxRedirections) || maxRedirections < 0) {
      throw new InvalidArgumentError('maxRedirections must be a positive number')
    }

    super(options)

    if (connect && typeof connect !== 'function') {
      connect = { ...connect }
    }

    if (tls && typeof tls !== 'function') {
      tls = { ...tls }
    }

    this[kInterceptors] = options.interceptors?.Agent && Array.isArray(options.interceptors.Agent)
      ? options.interceptors.Agent
      : [createRedirectInterceptor({ maxRedirections })]

    this[kOptions] = { ...util.deepClone(options), connect, tls }
    this[kOptions].interceptors = options.interceptors
      ? { ...options.interceptors }
      : undefined
    this[kMaxRedirections] = maxRedirections
    this[kFactory] = factory
    this[kClients] = new Map()

    this[kOnDrain] = (origin, targets) => {
      this.emit('drain', origin, [this, ...targets])
    }

    this[kOnConnect] = (origin, targets) => {
      this.emit('connect', origin, [this, ...targets])
    }

    this[kOnDisconnect] = (origin, targets, err) => {
      this.emit('disconnect', origin, [this, ...targets], err)
    }

    this[kOnConnectionError] = (origin, targets, err) => {
      this.emit('connectionError', origin, [this, ...targets], err)
    }
  }

  get [kRunning] () {
    let ret = 0
    for (const client of this[kClients].values()) {
      ret += client[kRunning]
    }
    return ret
  }

  [kDispatch] (opts, handler) {
    let key
    if (opts.origin && (typeof opts.origin === 'string' || opts.origin instanceof URL)) {
      key = String(opts.origin)
    } else {
      throw new InvalidArgumentError('opts.origin must be a non-empty string or URL.')
    }

    let dispatcher = this[kClients].get(key)

    if (!dispatcher) {
      dispatcher = this[kFactory](opts.origin, this[kOptions])
        .on('drain', this[kOnDrain])
        .on('connect', this[kOnConnect])
        .on('disconnect', this[kOnDisconnect])
        .on('connectionError', this[kOnConnectionError])

      // This introduces a tiny memory leak, as dispatchers are never removed from the map.
      // TODO(mcollina): remove te timer when the client/pool do not have any more
      // active connections.
      this[kClients].set(key, dispatcher)
    }

    return dispatcher.dispatch(opts, handler)
  }

  async [kClose] () {
    const closePromises = []
    for (const client of this[kClients].values()) {
      closePromises.push(client.close())
    }
    this[kClients].clear()

    await Promise.all(closePromises)
  }

  async [kDestroy] (err) {
    const destroyPromises = []
    for (const client of this[kClients].values()) {
      destroyPromises.push(client.destroy(err))
    }
    this[kClients].clear()

    await Promise.all(destroyPromises)
  }
}

module.exports = Agent


/***/ }),

/***/ 637:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



/* global WebAssembly */

const assert = __nccwpck_require__(4589)
const util = __nccwpck_require__(3440)
const { channels } = __nccwpck_require__(2414)
const timers = __nccwpck_require__(6603)
const {
  RequestContentLengthMismatchError,
  ResponseContentLengthMismatchError,
  RequestAbortedError,
  InvalidArgumentError,
  HeadersTimeoutError,
  HeadersOverflowError,
  SocketError,
  InformationalError,
  BodyTimeoutError,
  HTTPParserError,
  ResponseExceededMaxSizeError
} = __nccwpck_require__(8707)
const {
  kUrl,
  kReset,
  kClient,
  kParser,
  kBlocking,
  kRunning,
  kPending,
  kSize,
  kWriting,
  kQueue,
  kNoRef,
  kKeepAliveDefaultTimeout,
  kHostHeader,
  kPendingIdx,
  kRunningIdx,
  kError,
  kPipelining,
  kSocket,
  kKeepAliveTimeoutValue,
  kMaxHeadersSize,
  kKeepAliveMaxTimeout,
  kKeepAliveTimeoutThreshold,
  kHeadersTimeout,
  kBodyTimeout,
  kStrictContentLength,
  kMaxRequests,
  kCounter,
  kMaxResponseSize,
  kOnError,
  kResume,
  kHTTPContext
} = __nccwpck_require__(6443)

const constants = __nccwpck_require__(2824)
const EMPTY_BUF = Buffer.alloc(0)
const FastBuffer = Buffer[Symbol.species]
const addListener = util.addListener
const removeAllListeners = util.removeAllListeners
const kIdleSocketValidation = Symbol('kIdleSocketValidation')
const kIdleSocketValidationTimeout = Symbol('kIdleSocketValidationTimeout')
const kSocketUsed = Symbol('kSocketUsed')

let extractBody

async function lazyllhttp () {
  const llhttpWasmData = process.env.JEST_WORKER_ID ? __nccwpck_require__(3870) : undefined

  let mod
  try {
    mod = await WebAssembly.compile(__nccwpck_require__(3434))
  } catch (e) {
    /* istanbul ignore next */

    // We could check if the error was caused by the simd option not
    // being enabled, but the occurring of this other error
    // * https://github.com/emscripten-core/emscripten/issues/11495
    // got me to remove that check to avoid breaking Node 12.
    mod = await WebAssembly.compile(llhttpWasmData || __nccwpck_require__(3870))
  }

  return await WebAssembly.instantiate(mod, {
    env: {
      /* eslint-disable camelcase */

      wasm_on_url: (p, at, len) => {
        /* istanbul ignore next */
        return 0
      },
      wasm_on_status: (p, at, len) => {
        assert(currentParser.ptr === p)
        const start = at - currentBufferPtr + currentBufferRef.byteOffset
        return currentParser.onStatus(new FastBuffer(currentBufferRef.buffer, start, len)) || 0
      },
      wasm_on_message_begin: (p) => {
        assert(currentParser.ptr === p)
        return currentParser.onMessageBegin() || 0
      },
      wasm_on_header_field: (p, at, len) => {
        assert(currentParser.ptr === p)
        const start = at - currentBufferPtr + currentBufferRef.byteOffset
        return currentParser.onHeaderField(new FastBuffer(currentBufferRef.buffer, start, len)) || 0
      },
      wasm_on_header_value: (p, at, len) => {
        assert(currentParser.ptr === p)
        const start = at - currentBufferPtr + currentBufferRef.byteOffset
        return currentParser.onHeaderValue(new FastBuffer(currentBufferRef.buffer, start, len)) || 0
      },
      wasm_on_headers_complete: (p, statusCode, upgrade, shouldKeepAlive) => {
        assert(currentParser.ptr === p)
        return currentParser.onHeadersComplete(statusCode, Boolean(upgrade), Boolean(shouldKeepAlive)) || 0
      },
      wasm_on_body: (p, at, len) => {
        assert(currentParser.ptr === p)
        const start = at - currentBufferPtr + currentBufferRef.byteOffset
        return currentParser.onBody(new FastBuffer(currentBufferRef.buffer, start, len)) || 0
      },
      wasm_on_message_complete: (p) => {
        assert(currentParser.ptr === p)
        return currentParser.onMessageComplete() || 0
      }

      /* eslint-enable camelcase */
    }
  })
}

let llhttpInstance = null
let llhttpPromise = lazyllhttp()
llhttpPromise.catch()

let currentParser = null
let currentBufferRef = null
let currentBufferSize = 0
let currentBufferPtr = null

const USE_NATIVE_TIMER = 0
const USE_FAST_TIMER = 1

// Use fast timers for headers and body to take eventual event loop
// latency into account.
const TIMEOUT_HEADERS = 2 | USE_FAST_TIMER
const TIMEOUT_BODY = 4 | USE_FAST_TIMER

// Use native timers to ignore event loop latency for keep-alive
// handling.
const TIMEOUT_KEEP_ALIVE = 8 | USE_NATIVE_TIMER

class Parser {
  constructor (client, socket, { exports }) {
    assert(Number.isFinite(client[kMaxHeadersSize]) && client[kMaxHeadersSize] > 0)

    this.llhttp = exports
    this.ptr = this.llhttp.llhttp_alloc(constants.TYPE.RESPONSE)
    this.client = client
    this.socket = socket
    this.timeout = null
    this.timeoutValue = null
    this.timeoutType = null
    this.statusCode = null
    this.statusText = ''
    this.upgrade = false
    this.headers = []
    this.headersSize = 0
    this.headersMaxSize = client[kMaxHeadersSize]
    this.shouldKeepAlive = false
    this.paused = false
    this.resume = this.resume.bind(this)

    this.bytesRead = 0

    this.keepAlive = ''
    this.contentLength = ''
    this.connection = ''
    this.maxResponseSize = client[kMaxResponseSize]
  }

  setTimeout (delay, type) {
    // If the existing timer and the new timer are of different timer type
    // (fast or native) or have different delay, we need to clear the existing
    // timer and set a new one.
    if (
      delay !== this.timeoutValue ||
      (type & USE_FAST_TIMER) ^ (this.timeoutType & USE_FAST_TIMER)
    ) {
      // If a timeout is already set, clear it with clearTimeout of the fast
      // timer implementation, as it can clear fast and native timers.
      if (this.timeout) {
        timers.clearTimeout(this.timeout)
        this.timeout = null
      }

      if (delay) {
        if (type & USE_FAST_TIMER) {
          this.timeout = timers.setFastTimeout(onParserTimeout, delay, new WeakRef(this))
        } else {
          this.timeout = setTimeout(onParserTimeout, delay, new WeakRef(this))
          this.timeout.unref()
        }
      }

      this.timeoutValue = delay
    } else if (this.timeout) {
      // istanbul ignore else: only for jest
      if (this.timeout.refresh) {
        this.timeout.refresh()
      }
    }

    this.timeoutType = type
  }

  resume () {
    if (this.socket.destroyed || !this.paused) {
      return
    }

    assert(this.ptr != null)
    assert(currentParser == null)

    this.llhttp.llhttp_resume(this.ptr)

    assert(this.timeoutType === TIMEOUT_BODY)
    if (this.timeout) {
      // istanbul ignore else: only for jest
      if (this.timeout.refresh) {
        this.timeout.refresh()
      }
    }

    this.paused = false
    this.execute(this.socket.read() || EMPTY_BUF) // Flush parser.
    this.readMore()
  }

  readMore () {
    while (!this.paused && this.ptr) {
      const chunk = this.socket.read()
      if (chunk === null) {
        break
      }
      this.execute(chunk)
    }
  }

  execute (data) {
    assert(this.ptr != null)
    assert(currentParser == null)
    assert(!this.paused)

    const { socket, llhttp } = this

    if (data.length > currentBufferSize) {
      if (currentBufferPtr) {
        llhttp.free(currentBufferPtr)
      }
      currentBufferSize = Math.ceil(data.length / 4096) * 4096
      currentBufferPtr = llhttp.malloc(currentBufferSize)
    }

    new Uint8Array(llhttp.memory.buffer, currentBufferPtr, currentBufferSize).set(data)

    // Call `execute` on the wasm parser.
    // We pass the `llhttp_parser` pointer address, the pointer address of buffer view data,
    // and finally the length of bytes to parse.
    // The return value is an error code or `constants.ERROR.OK`.
    try {
      let ret

      try {
        currentBufferRef = data
        currentParser = this
        ret = llhttp.llhttp_execute(this.ptr, currentBufferPtr, data.length)
        /* eslint-disable-next-line no-useless-catch */
      } catch (err) {
        /* istanbul ignore next: difficult to make a test case for */
        throw err
      } finally {
        currentParser = null
        currentBufferRef = null
      }

      const offset = llhttp.llhttp_get_error_pos(this.ptr) - currentBufferPtr

      if (ret !== constants.ERROR.OK) {
        const body = data.subarray(offset)

        if (ret === constants.ERROR.PAUSED_UPGRADE) {
          this.onUpgrade(body)
        } else if (ret === constants.ERROR.PAUSED) {
          this.paused = true
          socket.unshift(body)
        } else {
          throw this.createError(ret, body)
        }
      }
    } catch (err) {
      util.destroy(socket, err)
    }
  }

  finish () {
    assert(currentParser === null)
    assert(this.ptr != null)
    assert(!this.paused)

    const { llhttp } = this

    let ret

    try {
      currentParser = this
      ret = llhttp.llhttp_finish(this.ptr)
    } finally {
      currentParser = null
    }

    if (ret === constants.ERROR.OK) {
      return null
    }

    if (ret === constants.ERROR.PAUSED || ret === constants.ERROR.PAUSED_UPGRADE) {
      this.paused = true
      return null
    }

    return this.createError(ret, EMPTY_BUF)
  }

  createError (ret, data) {
    const { llhttp, contentLength, bytesRead } = this

    if (contentLength && bytesRead !== parseInt(contentLength, 10)) {
      return new ResponseContentLengthMismatchError()
    }

    const ptr = llhttp.llhttp_get_error_reason(this.ptr)
    let message = ''
    if (ptr) {
      const len = new Uint8Array(llhttp.memory.buffer, ptr).indexOf(0)
      message =
        'Response does not match the HTTP/1.1 protocol (' +
        Buffer.from(llhttp.memory.buffer, ptr, len).toString() +
        ')'
    }

    return new HTTPParserError(message, constants.ERROR[ret], data)
  }

  destroy () {
    assert(this.ptr != null)
    assert(currentParser == null)

    this.llhttp.llhttp_free(this.ptr)
    this.ptr = null

    this.timeout && timers.clearTimeout(this.timeout)
    this.timeout = null
    this.timeoutValue = null
    this.timeoutType = null

    this.paused = false
  }

  onStatus (buf) {
    this.statusText = buf.toString()
  }

  onMessageBegin () {
    const { socket, client } = this

    /* istanbul ignore next: difficult to make a test case for */
    if (socket.destroyed) {
      return -1
    }

    if (client[kRunning] === 0) {
      util.destroy(socket, new SocketError('bad response', util.getSocketInfo(socket)))
      return -1
    }

    const request = client[kQueue][client[kRunningIdx]]
    if (!request) {
      return -1
    }
    request.onResponseStarted()
  }

  onHeaderField (buf) {
    const len = this.headers.length

    if ((len & 1) === 0) {
      this.headers.push(buf)
    } else {
      this.headers[len - 1] = Buffer.concat([this.headers[len - 1], buf])
    }

    this.trackHeader(buf.length)
  }

  onHeaderValue (buf) {
    let len = this.headers.length

    if ((len & 1) === 1) {
      this.headers.push(buf)
      len += 1
    } else {
      this.headers[len - 1] = Buffer.concat([this.headers[len - 1], buf])
    }

    const key = this.headers[len - 2]
    if (key.length === 10) {
      const headerName = util.bufferToLowerCasedHeaderName(key)
      if (headerName === 'keep-alive') {
        this.keepAlive += buf.toString()
      } else if (headerName === 'connection') {
        this.connection += buf.toString()
      }
    } else if (key.length === 14 && util.bufferToLowerCasedHeaderName(key) === 'content-length') {
      this.contentLength += buf.toString()
    }

    this.trackHeader(buf.length)
  }

  trackHeader (len) {
    this.headersSize += len
    if (this.headersSize >= this.headersMaxSize) {
      util.destroy(this.socket, new HeadersOverflowError())
    }
  }

  onUpgrade (head) {
    const { upgrade, client, socket, headers, statusCode, statusText } = this

    assert(upgrade)
    assert(client[kSocket] === socket)
    assert(!socket.destroyed)
    assert(!this.paused)
    assert((headers.length & 1) === 0)

    const request = client[kQueue][client[kRunningIdx]]
    assert(request)
    assert(request.upgrade || request.method === 'CONNECT')

    this.statusCode = null
    this.statusText = ''
    this.shouldKeepAlive = null

    this.headers = []
    this.headersSize = 0

    socket.unshift(head)

    socket[kParser].destroy()
    socket[kParser] = null

    socket[kClient] = null
    socket[kError] = null

    removeAllListeners(socket)

    client[kSocket] = null
    client[kHTTPContext] = null // TODO (fix): This is hacky...
    client[kQueue][client[kRunningIdx]++] = null
    client.emit('disconnect', client[kUrl], [client], new InformationalError('upgrade'))

    try {
      request.onUpgrade(statusCode, headers, socket, statusText)
    } catch (error) {
      util.errorRequest(client, request, error)
      util.destroy(socket, error)
    }

    client[kResume]()
  }

  onHeadersComplete (statusCode, upgrade, shouldKeepAlive) {
    const { client, socket, headers, statusText } = this

    /* istanbul ignore next: difficult to make a test case for */
    if (socket.destroyed) {
      return -1
    }

    if (client[kRunning] === 0) {
      util.destroy(socket, new SocketError('bad response', util.getSocketInfo(socket)))
      return -1
    }

    const request = client[kQueue][client[kRunningIdx]]

    /* istanbul ignore next: difficult to make a test case for */
    if (!request) {
      return -1
    }

    assert(!this.upgrade)
    assert(this.statusCode < 200)

    if (statusCode === 100) {
      util.destroy(socket, new SocketError('bad response', util.getSocketInfo(socket)))
      return -1
    }

    /* this can only happen if server is misbehaving */
    if (upgrade && !request.upgrade) {
      util.destroy(socket, new SocketError('bad upgrade', util.getSocketInfo(socket)))
      return -1
    }

    assert(this.timeoutType === TIMEOUT_HEADERS)

    this.statusCode = statusCode
    this.shouldKeepAlive = (
      shouldKeepAlive ||
      // Override llhttp value which does not allow keepAlive for HEAD.
      (request.method === 'HEAD' && !socket[kReset] && this.connection.toLowerCase() === 'keep-alive')
    )

    if (this.statusCode >= 200) {
      const bodyTimeout = request.bodyTimeout != null
        ? request.bodyTimeout
        : client[kBodyTimeout]
      this.setTimeout(bodyTimeout, TIMEOUT_BODY)
    } else if (this.timeout) {
      // istanbul ignore else: only for jest
      if (this.timeout.refresh) {
        this.timeout.refresh()
      }
    }

    if (request.method === 'CONNECT') {
      assert(client[kRunning] === 1)
      this.upgrade = true
      return 2
    }

    if (upgrade) {
      assert(client[kRunning] === 1)
      this.upgrade = true
      return 2
    }

    assert((this.headers.length & 1) === 0)
    this.headers = []
    this.headersSize = 0

    if (this.shouldKeepAlive && client[kPipelining]) {
      const keepAliveTimeout = this.keepAlive ? util.parseKeepAliveTimeout(this.keepAlive) : null

      if (keepAliveTimeout != null) {
        const timeout = Math.min(
          keepAliveTimeout - client[kKeepAliveTimeoutThreshold],
          client[kKeepAliveMaxTimeout]
        )
        if (timeout <= 0) {
          socket[kReset] = true
        } else {
          client[kKeepAliveTimeoutValue] = timeout
        }
      } else {
        client[kKeepAliveTimeoutValue] = client[kKeepAliveDefaultTimeout]
      }
    } else {
      // Stop more requests from being dispatched.
      socket[kReset] = true
    }

    const pause = request.onHeaders(statusCode, headers, this.resume, statusText) === false

    if (request.aborted) {
      return -1
    }

    if (request.method === 'HEAD') {
      return 1
    }

    if (statusCode < 200) {
      return 1
    }

    if (socket[kBlocking]) {
      socket[kBlocking] = false
      client[kResume]()
    }

    return pause ? constants.ERROR.PAUSED : 0
  }

  onBody (buf) {
    const { client, socket, statusCode, maxResponseSize } = this

    if (socket.destroyed) {
      return -1
    }

    const request = client[kQueue][client[kRunningIdx]]
    assert(request)

    assert(this.timeoutType === TIMEOUT_BODY)
    if (this.timeout) {
      // istanbul ignore else: only for jest
      if (this.timeout.refresh) {
        this.timeout.refresh()
      }
    }

    assert(statusCode >= 200)

    if (maxResponseSize > -1 && this.bytesRead + buf.length > maxResponseSize) {
      util.destroy(socket, new ResponseExceededMaxSizeError())
      return -1
    }

    this.bytesRead += buf.length

    if (request.onData(buf) === false) {
      return constants.ERROR.PAUSED
    }
  }

  onMessageComplete () {
    const { client, socket, statusCode, upgrade, headers, contentLength, bytesRead, shouldKeepAlive } = this

    if (socket.destroyed && (!statusCode || shouldKeepAlive)) {
      return -1
    }

    if (upgrade) {
      return
    }

    assert(statusCode >= 100)
    assert((this.headers.length & 1) === 0)

    const request = client[kQueue][client[kRunningIdx]]
    assert(request)

    this.statusCode = null
    this.statusText = ''
    this.bytesRead = 0
    this.contentLength = ''
    this.keepAlive = ''
    this.connection = ''

    this.headers = []
    this.headersSize = 0

    if (statusCode < 200) {
      return
    }

    /* istanbul ignore next: should be handled by llhttp? */
    if (request.method !== 'HEAD' && contentLength && bytesRead !== parseInt(contentLength, 10)) {
      util.destroy(socket, new ResponseContentLengthMismatchError())
      return -1
    }

    request.onComplete(headers)

    client[kQueue][client[kRunningIdx]++] = null
    socket[kSocketUsed] = true

    if (socket[kWriting]) {
      assert(client[kRunning] === 0)
      // Response completed before request.
      util.destroy(socket, new InformationalError('reset'))
      return constants.ERROR.PAUSED
    } else if (!shouldKeepAlive) {
      util.destroy(socket, new InformationalError('reset'))
      return constants.ERROR.PAUSED
    } else if (socket[kReset] && client[kRunning] === 0) {
      // Destroy socket once all requests have completed.
      // The request at the tail of the pipeline is the one
      // that requested reset and no further requests should
      // have been queued since then.
      util.destroy(socket, new InformationalError('reset'))
      return constants.ERROR.PAUSED
    } else if (client[kPipelining] == null || client[kPipelining] === 1) {
      // We must wait a full event loop cycle to reuse this socket to make sure
      // that non-spec compliant servers are not closing the connection even if they
      // said they won't.
      setImmediate(() => client[kResume]())
    } else {
      client[kResume]()
    }
  }
}

function onParserTimeout (parser) {
  const { socket, timeoutType, client, paused } = parser.deref()

  /* istanbul ignore else */
  if (timeoutType === TIMEOUT_HEADERS) {
    if (!socket[kWriting] || socket.writableNeedDrain || client[kRunning] > 1) {
      assert(!paused, 'cannot be paused while waiting for headers')
      util.destroy(socket, new HeadersTimeoutError())
    }
  } else if (timeoutType === TIMEOUT_BODY) {
    if (!paused) {
      util.destroy(socket, new BodyTimeoutError())
    }
  } else if (timeoutType === TIMEOUT_KEEP_ALIVE) {
    assert(client[kRunning] === 0 && client[kKeepAliveTimeoutValue])
    util.destroy(socket, new InformationalError('socket idle timeout'))
  }
}

async function connectH1 (client, socket) {
  client[kSocket] = socket

  if (!llhttpInstance) {
    llhttpInstance = await llhttpPromise
    llhttpPromise = null
  }

  socket[kNoRef] = false
  socket[kWriting] = false
  socket[kReset] = false
  socket[kBlocking] = false
  socket[kIdleSocketValidation] = 0
  socket[kIdleSocketValidationTimeout] = null
  socket[kSocketUsed] = false
  socket[kParser] = new Parser(client, socket, llhttpInstance)

  addListener(socket, 'error', function (err) {
    const parser = this[kParser]

    // On Mac OS, we get an ECONNRESET even if there is a full body to be forwarded
    // to the user.
    if (err.code === 'ECONNRESET' && parser.statusCode && !parser.shouldKeepAlive) {
      const parserErr = parser.finish()
      if (parserErr) {
        this[kError] = parserErr
        this[kClient][kOnError](parserErr)
      }
      return
    }

    this[kError] = err

    this[kClient][kOnError](err)
  })
  addListener(socket, 'readable', function () {
    const parser = this[kParser]

    if (parser) {
      parser.readMore()
    }
  })
  addListener(socket, 'end', function () {
    const parser = this[kParser]

    if (parser.statusCode && !parser.shouldKeepAlive) {
      const parserErr = parser.finish()
      if (parserErr) {
        util.destroy(this, parserErr)
      }
      return
    }

    util.destroy(this, new SocketError('other side closed', util.getSocketInfo(this)))
  })
  addListener(socket, 'close', function () {
    const client = this[kClient]
    const parser = this[kParser]

    clearIdleSocketValidation(this)

    if (parser) {
      if (!this[kError] && parser.statusCode && !parser.shouldKeepAlive) {
        this[kError] = parser.finish() || this[kError]
      }

      this[kParser].destroy()
      this[kParser] = null
    }

    const err = this[kError] || new SocketError('closed', util.getSocketInfo(this))

    client[kSocket] = null
    client[kHTTPContext] = null // TODO (fix): This is hacky...

    if (client.destroyed) {
      assert(client[kPending] === 0)

      // Fail entire queue.
      const requests = client[kQueue].splice(client[kRunningIdx])
      for (let i = 0; i < requests.length; i++) {
        const request = requests[i]
        util.errorRequest(client, request, err)
      }
    } else if (client[kRunning] > 0 && err.code !== 'UND_ERR_INFO') {
      // Fail head of pipeline.
      const request = client[kQueue][client[kRunningIdx]]
      client[kQueue][client[kRunningIdx]++] = null

      util.errorRequest(client, request, err)
    }

    client[kPendingIdx] = client[kRunningIdx]

    assert(client[kRunning] === 0)

    client.emit('disconnect', client[kUrl], [client], err)

    client[kResume]()
  })

  let closed = false
  socket.on('close', () => {
    closed = true
  })

  return {
    version: 'h1',
    defaultPipelining: 1,
    write (...args) {
      return writeH1(client, ...args)
    },
    resume () {
      resumeH1(client)
    },
    destroy (err, callback) {
      if (closed) {
        queueMicrotask(callback)
      } else {
        socket.destroy(err).on('close', callback)
      }
    },
    get destroyed () {
      return socket.destroyed
    },
    busy (request) {
      if (socket[kWriting] || socket[kReset] || socket[kBlocking] || socket[kIdleSocketValidation] === 1) {
        return true
      }

      if (request) {
        if (client[kRunning] > 0 && !request.idempotent) {
          // Non-idempotent request cannot be retried.
          // Ensure that no other requests are inflight and
          // could cause failure.
          return true
        }

        if (client[kRunning] > 0 && (request.upgrade || request.method === 'CONNECT')) {
          // Don't dispatch an upgrade until all preceding requests have completed.
          // A misbehaving server might upgrade the connection before all pipelined
          // request has completed.
          return true
        }

        if (client[kRunning] > 0 && util.bodyLength(request.body) !== 0 &&
          (util.isStream(request.body) || util.isAsyncIterable(request.body) || util.isFormDataLike(request.body))) {
          // Request with stream or iterator body can error while other requests
          // are inflight and indirectly error those as well.
          // Ensure this doesn't happen by waiting for inflight
          // to complete before dispatching.

          // Request with stream or iterator body cannot be retried.
          // Ensure that no other requests are inflight and
          // could cause failure.
          return true
        }
      }

      return false
    }
  }
}

function clearIdleSocketValidation (socket) {
  if (socket[kIdleSocketValidationTimeout]) {
    clearImmediate(socket[kIdleSocketValidationTimeout])
    socket[kIdleSocketValidationTimeout] = null
  }

  socket[kIdleSocketValidation] = 0
}

function scheduleIdleSocketValidation (client, socket) {
  socket[kIdleSocketValidation] = 1
  // Yield to the check phase (after poll) so unsolicited bytes / FIN / RST
  // already pending on this idle keep-alive socket are processed before the
  // next request is written (GHSA-35p6-xmwp-9g52).
  //
  // setTimeout(0) pays Node's ~1ms timer floor on every sequential reuse
  // (#5493). setImmediate avoids that, but an *unref'd* Immediate lets poll
  // block for ~500ms when the event loop is otherwise idle (#5600 / #5606).
  // A ref'd Immediate both keeps the pending request alive and makes poll
  // return immediately \u2014 the hybrid those issues asked for.
  socket[kIdleSocketValidationTimeout] = setImmediate(() => {
    socket[kIdleSocketValidationTimeout] = null
    socket[kIdleSocketValidation] = 2

    if (client[kSocket] === socket && !socket.destroyed) {
      client[kResume]()
    }
  })
}

/**
 * @param {import('./client.js')} client
 */
function resumeH1 (client) {
  const socket = client[kSocket]

  if (socket && !socket.destroyed) {
    if (client[kSize] === 0) {
      if (!socket[kNoRef] && socket.unref) {
        socket.unref()
        socket[kNoRef] = true
      }
    } else if (socket[kNoRef] && socket.ref) {
      socket.ref()
      socket[kNoRef] = false
    }

    if (client[kRunning] === 0 && client[kPending] > 0 && socket[kSocketUsed]) {
      if (socket[kIdleSocketValidation] === 0) {
        scheduleIdleSocketValidation(client, socket)
        socket[kParser].readMore()
        if (socket.destroyed) {
          return
        }
        return
      }

      if (socket[kIdleSocketValidation] === 1) {
        socket[kParser].readMore()
        if (socket.destroyed) {
          return
        }
        return
      }
    }

    if (client[kRunning] === 0) {
      socket[kParser].readMore()
      if (socket.destroyed) {
        return
      }
    }

    if (client[kSize] === 0) {
      if (socket[kParser].timeoutType !== TIMEOUT_KEEP_ALIVE) {
        socket[kParser].setTimeout(client[kKeepAliveTimeoutValue], TIMEOUT_KEEP_ALIVE)
      }
    } else if (client[kRunning] > 0 && socket[kParser].statusCode < 200) {
      if (socket[kParser].timeoutType !== TIMEOUT_HEADERS) {
        const request = client[kQueue][client[kRunningIdx]]
        const headersTimeout = request.headersTimeout != null
          ? request.headersTimeout
          : client[kHeadersTimeout]
        socket[kParser].setTimeout(headersTimeout, TIMEOUT_HEADERS)
      }
    }
  }
}

// https://www.rfc-editor.org/rfc/rfc7230#section-3.3.2
function shouldSendContentLength (method) {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS' && method !== 'TRACE' && method !== 'CONNECT'
}

function writeH1 (client, request) {
  const { method, path, host, upgrade, blocking, reset } = request

  let { body, headers, contentLength } = request

  // https://tools.ietf.org/html/rfc7231#section-4.3.1
  // https://tools.ietf.org/html/rfc7231#section-4.3.2
  // https://tools.ietf.org/html/rfc7231#section-4.3.5

  // Sending a payload body on a request that does not
  // expect it can cause undefined behavior on some
  // servers and corrupt connection state. Do not
  // re-use the connection for further requests.

  const expectsPayload = (
    method === 'PUT' ||
    method === 'POST' ||
    method === 'PATCH' ||
    method === 'QUERY' ||
    method === 'PROPFIND' ||
    method === 'PROPPATCH'
  )

  if (util.isFormDataLike(body)) {
    if (!extractBody) {
      extractBody = (__nccwpck_require__(6839).extractBody)
    }

    const [bodyStream, contentType] = extractBody(body)
    if (request.contentType == null) {
      headers.push('content-type', contentType)
    }
    body = bodyStream.stream
    contentLength = bodyStream.length
  } else if (util.isBlobLike(body) && request.contentType == null) {
    const contentType = body.type
    if (contentType) {
      const contentTypeValue = `${contentType}`
      if (!util.isValidHeaderValue(contentTypeValue)) {
        util.errorRequest(client, request, new InvalidArgumentError('invalid content-type header'))
        return false
      }
      headers.push('content-type', contentTypeValue)
    }
  }

  if (body && typeof body.read === 'function') {
    // Try to read EOF in order to get length.
    body.read(0)
  }

  const bodyLength = util.bodyLength(body)

  contentLength = bodyLength ?? contentLength

  if (contentLength === null) {
    contentLength = request.contentLength
  }

  if (contentLength === 0 && !expectsPayload) {
    // https://tools.ietf.org/html/rfc7230#section-3.3.2
    // A user agent SHOULD NOT send a Content-Length header field when
    // the request message does not contain a payload body and the method
    // semantics do not anticipate such a body.

    contentLength = null
  }

  // https://github.com/nodejs/undici/issues/2046
  // A user agent may send a Content-Length header with 0 value, this should be allowed.
  if (shouldSendContentLength(method) && contentLength > 0 && request.contentLength !== null && request.contentLength !== contentLength) {
    if (client[kStrictContentLength]) {
      util.errorRequest(client, request, new RequestContentLengthMismatchError())
      return false
    }

    process.emitWarning(new RequestContentLengthMismatchError())
  }

  const socket = client[kSocket]
  clearIdleSocketValidation(socket)

  /**
   * @param {Error} [error]
   */
  const abort = (error) => {
    if (request.aborted) {
      return
    }

    if (request.completed) {
      if (request.upgrade || request.method === 'CONNECT') {
        util.destroy(socket, new InformationalError('aborted'))
      }
      return
    }

    util.errorRequest(client, request, error || new RequestAbortedError())

    util.destroy(body)
    util.destroy(socket, new InformationalError('aborted'))
  }

  try {
    request.onConnect(abort)
  } catch (err) {
    util.errorRequest(client, request, err)
  }

  if (request.aborted) {
    return false
  }

  if (method === 'HEAD') {
    // https://github.com/mcollina/undici/issues/258
    // Close after a HEAD request to interop with misbehaving servers
    // that may send a body in the response.

    socket[kReset] = true
  }

  if (upgrade || method === 'CONNECT') {
    // On CONNECT or upgrade, block pipeline from dispatching further
    // requests on this connection.

    socket[kReset] = true
  }

  if (reset != null) {
    socket[kReset] = reset
  }

  if (client[kMaxRequests] && socket[kCounter]++ >= client[kMaxRequests]) {
    socket[kReset] = true
  }

  if (blocking) {
    socket[kBlocking] = true
  }

  let header = `${method} ${path} HTTP/1.1\r\n`

  if (typeof host === 'string') {
    header += `host: ${host}\r\n`
  } else {
    header += client[kHostHeader]
  }

  if (upgrade) {
    header += `connection: upgrade\r\nupgrade: ${upgrade}\r\n`
  } else if (client[kPipelining] && !socket[kReset]) {
    header += 'connection: keep-alive\r\n'
  } else {
    header += 'connection: close\r\n'
  }

  if (Array.isArray(headers)) {
    for (let n = 0; n < headers.length; n += 2) {
      const key = headers[n + 0]
      const val = headers[n + 1]

      if (Array.isArray(val)) {
        for (let i = 0; i < val.length; i++) {
          header += `${key}: ${val[i]}\r\n`
        }
      } else {
        header += `${key}: ${val}\r\n`
      }
    }
  }

  if (channels.sendHeaders.hasSubscribers) {
    channels.sendHeaders.publish({ request, headers: header, socket })
  }

  /* istanbul ignore else: assertion */
  if (!body || bodyLength === 0) {
    writeBuffer(abort, null, client, request, socket, contentLength, header, expectsPayload)
  } else if (util.isBuffer(body)) {
    writeBuffer(abort, body, client, request, socket, contentLength, header, expectsPayload)
  } else if (util.isBlobLike(body)) {
    if (typeof body.stream === 'function') {
      writeIterable(abort, body.stream(), client, request, socket, contentLength, header, expectsPayload)
    } else {
      writeBlob(abort, body, client, request, socket, contentLength, header, expectsPayload)
    }
  } else if (util.isStream(body)) {
    writeStream(abort, body, client, request, socket, contentLength, header, expectsPayload)
  } else if (util.isIterable(body)) {
    writeIterable(abort, body, client, request, socket, contentLength, header, expectsPayload)
  } else {
    assert(false)
  }

  return true
}

function writeStream (abort, body, client, request, socket, contentLength, header, expectsPayload) {
  assert(contentLength !== 0 || client[kRunning] === 0, 'stream body cannot be pipelined')

  let finished = false

  const writer = new AsyncWriter({ abort, socket, request, contentLength, client, expectsPayload, header })

  const onData = function (chunk) {
    if (finished) {
      return
    }

    try {
      if (!writer.write(chunk) && this.pause) {
        this.pause()
      }
    } catch (err) {
      util.destroy(this, err)
    }
  }
  const onDrain = function () {
    if (finished) {
      return
    }

    if (body.resume) {
      body.resume()
    }
  }
  const onClose = function () {
    // 'close' might be emitted *before* 'error' for
    // broken streams. Wait a tick to avoid this case.
    queueMicrotask(() => {
      // It's only safe to remove 'error' listener after
      // 'close'.
      body.removeListener('error', onFinished)
    })

    if (!finished) {
      const err = new RequestAbortedError()
      queueMicrotask(() => onFinished(err))
    }
  }
  const onFinished = function (err) {
    if (finished) {
      return
    }

    finished = true

    assert(socket.destroyed || (socket[kWriting] && client[kRunning] <= 1))

    socket
      .off('drain', onDrain)
      .off('error', onFinished)

    body
      .removeListener('data', onData)
      .removeListener('end', onFinished)
      .removeListener('close', onClose)

    if (!err) {
      try {
        writer.end()
      } catch (er) {
        err = er
      }
    }

    writer.destroy(err)

    if (err && (err.code !== 'UND_ERR_INFO' || err.message !== 'reset')) {
      util.destroy(body, err)
    } else {
      util.destroy(body)
    }
  }

  body
    .on('data', onData)
    .on('end', onFinished)
    .on('error', onFinished)
    .on('close', onClose)

  if (body.resume) {
    body.resume()
  }

  socket
    .on('drain', onDrain)
    .on('error', onFinished)

  if (body.errorEmitted ?? body.errored) {
    setImmediate(() => onFinished(body.errored))
  } else if (body.endEmitted ?? body.readableEnded) {
    setImmediate(() => onFinished(null))
  }

  if (body.closeEmitted ?? body.closed) {
    setImmediate(onClose)
  }
}

function writeBuffer (abort, body, client, request, socket, contentLength, header, expectsPayload) {
  try {
    if (!body) {
      if (contentLength === 0) {
        socket.write(`${header}content-length: 0\r\n\r\n`, 'latin1')
      } else {
        assert(contentLength === null, 'no body must not have content length')
        socket.write(`${header}\r\n`, 'latin1')
      }
    } else if (util.isBuffer(body)) {
      assert(contentLength === body.byteLength, 'buffer body must have content length')

      socket.cork()
      socket.write(`${header}content-length: ${contentLength}\r\n\r\n`, 'latin1')
      socket.write(body)
      socket.uncork()
      request.onBodySent(body)

      if (!expectsPayload && request.reset !== false) {
        socket[kReset] = true
      }
    }
    request.onRequestSent()

    client[kResume]()
  } catch (err) {
    abort(err)
  }
}

async function writeBlob (abort, body, client, request, socket, contentLength, header, expectsPayload) {
  assert(contentLength === body.size, 'blob body must have content length')

  try {
    if (contentLength != null && contentLength !== body.size) {
      throw new RequestContentLengthMismatchError()
    }

    const buffer = Buffer.from(await body.arrayBuffer())

    socket.cork()
    socket.write(`${header}content-length: ${contentLength}\r\n\r\n`, 'latin1')
    socket.write(buffer)
    socket.uncork()

    request.onBodySent(buffer)
    request.onRequestSent()

    if (!expectsPayload && request.reset !== false) {
      socket[kReset] = true
    }

    client[kResume]()
  } catch (err) {
    abort(err)
  }
}

async function writeIterable (abort, body, client, request, socket, contentLength, header, expectsPayload) {
  assert(contentLength !== 0 || client[kRunning] === 0, 'iterator body cannot be pipelined')

  let callback = null
  function onDrain () {
    if (callback) {
      const cb = callback
      callback = null
      cb()
    }
  }

  const waitForDrain = () => new Promise((resolve, reject) => {
    assert(callback === null)

    if (socket[kError]) {
      reject(socket[kError])
    } else {
      callback = resolve
    }
  })

  socket
    .on('close', onDrain)
    .on('drain', onDrain)

  const writer = new AsyncWriter({ abort, socket, request, contentLength, client, expectsPayload, header })
  try {
    // It's up to the user to somehow abort the async iterable.
    for await (const chunk of body) {
      if (socket[kError]) {
        throw socket[kError]
      }

      if (!writer.write(chunk)) {
        await waitForDrain()
      }
    }

    writer.end()
  } catch (err) {
    writer.destroy(err)
  } finally {
    socket
      .off('close', onDrain)
      .off('drain', onDrain)
  }
}

class AsyncWriter {
  constructor ({ abort, socket, request, contentLength, client, expectsPayload, header }) {
    this.socket = socket
    this.request = request
    this.contentLength = contentLength
    this.client = client
    this.bytesWritten = 0
    this.expectsPayload = expectsPayload
    this.header = header
    this.abort = abort

    socket[kWriting] = true
  }

  write (chunk) {
    const { socket, request, contentLength, client, bytesWritten, expectsPayload, header } = this

    if (socket[kError]) {
      throw socket[kError]
    }

    if (socket.destroyed) {
      return false
    }

    const len = Buffer.byteLength(chunk)
    if (!len) {
      return true
    }

    // We should defer writing chunks.
    if (contentLength !== null && bytesWritten + len > contentLength) {
      if (client[kStrictContentLength]) {
        throw new RequestContentLengthMismatchError()
      }

      process.emitWarning(new RequestContentLengthMismatchError())
    }

    socket.cork()

    if (bytesWritten === 0) {
      if (!expectsPayload && request.reset !== false) {
        socket[kReset] = true
      }

      if (contentLength === null) {
        socket.write(`${header}transfer-encoding: chunked\r\n`, 'latin1')
      } else {
        socket.write(`${header}content-length: ${contentLength}\r\n\r\n`, 'latin1')
      }
    }

    if (contentLength === null) {
      socket.write(`\r\n${len.toString(16)}\r\n`, 'latin1')
    }

    this.bytesWritten += len

    const ret = socket.write(chunk)

    socket.uncork()

    request.onBodySent(chunk)

    if (!ret) {
      if (socket[kParser].timeout && socket[kParser].timeoutType === TIMEOUT_HEADERS) {
        // istanbul ignore else: only for jest
        if (socket[kParser].timeout.refresh) {
          socket[kParser].timeout.refresh()
        }
      }
    }

    return ret
  }

  end () {
    const { socket, contentLength, client, bytesWritten, expectsPayload, header, request } = this
    request.onRequestSent()

    socket[kWriting] = false

    if (socket[kError]) {
      throw socket[kError]
    }

    if (socket.destroyed) {
      return
    }

    if (bytesWritten === 0) {
      if (expectsPayload) {
        // https://tools.ietf.org/html/rfc7230#section-3.3.2
        // A user agent SHOULD send a Content-Length in a request message when
        // no Transfer-Encoding is sent and the request method defines a meaning
        // for an enclosed payload body.

        socket.write(`${header}content-length: 0\r\n\r\n`, 'latin1')
      } else {
        socket.write(`${header}\r\n`, 'latin1')
      }
    } else if (contentLength === null) {
      socket.write('\r\n0\r\n\r\n', 'latin1')
    }

    if (contentLength !== null && bytesWritten !== contentLength) {
      if (client[kStrictContentLength]) {
        throw new RequestContentLengthMismatchError()
      } else {
        process.emitWarning(new RequestContentLengthMismatchError())
      }
    }

    if (socket[kParser].timeout && socket[kParser].timeoutType === TIMEOUT_HEADERS) {
      // istanbul ignore else: only for jest
      if (socket[kParser].timeout.refresh) {
        socket[kParser].timeout.refresh()
      }
    }

    client[kResume]()
  }

  destroy (err) {
    const { socket, client, abort } = this

    socket[kWriting] = false

    if (err) {
      assert(client[kRunning] <= 1, 'pipeline should only contain this request')
      abort(err)
    }
  }
}

module.exports = connectH1


/***/ }),

/***/ 8788:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const assert = __nccwpck_require__(4589)
const { errorMonitor } = __nccwpck_require__(8474)
const { pipeline } = __nccwpck_require__(7075)
const util = __nccwpck_require__(3440)
const {
  RequestContentLengthMismatchError,
  RequestAbortedError,
  SocketError,
  InformationalError
} = __nccwpck_require__(8707)
const {
  kUrl,
  kReset,
  kClient,
  kRunning,
  kPending,
  kQueue,
  kPendingIdx,
  kRunningIdx,
  kError,
  kSocket,
  kStrictContentLength,
  kOnError,
  kMaxConcurrentStreams,
  kHTTP2Session,
  kResume,
  kSize,
  kHTTPContext
} = __nccwpck_require__(6443)

const kOpenStreams = Symbol('open streams')

let extractBody

// Experimental
let h2ExperimentalWarned = false

/** @type {import('http2')} */
let http2
try {
  http2 = __nccwpck_require__(2467)
} catch {
  // @ts-ignore
  http2 = { constants: {} }
}

const {
  constants: {
    HTTP2_HEADER_AUTHORITY,
    HTTP2_HEADER_METHOD,
    HTTP2_HEADER_PATH,
    HTTP2_HEADER_SCHEME,
    HTTP2_HEADER_CONTENT_LENGTH,
    HTTP2_HEADER_EXPECT,
    HTTP2_HEADER_STATUS
  }
} = http2

function parseH2Headers (headers) {
  const result = []

  for (const [name, value] of Object.entries(headers)) {
    // h2 may concat the header value by array
    // e.g. Set-Cookie
    if (Array.isArray(value)) {
      for (const subvalue of value) {
        // we need to provide each header value of header name
        // because the headers handler expect name-value pair
        result.push(Buffer.from(name), Buffer.from(subvalue))
      }
    } else {
      result.push(Buffer.from(name), Buffer.from(value))
    }
  }

  return result
}

/**
 * @param {import('node:http2').IncomingHttpHeaders} headers
 * @returns {Buffer[]}
 */
function parseH2ResponseHeaders (headers) {
  const { [HTTP2_HEADER_STATUS]: _statusCode, ...realHeaders } = headers
  return parseH2Headers(realHeaders)
}

async function connectH2 (client, socket) {
  client[kSocket] = socket

  if (!h2ExperimentalWarned) {
    h2ExperimentalWarned = true
    process.emitWarning('H2 support is experimental, expect them to change at any time.', {
      code: 'UNDICI-H2'
    })
  }

  const session = http2.connect(client[kUrl], {
    createConnection: () => socket,
    peerMaxConcurrentStreams: client[kMaxConcurrentStreams]
  })

  session[kOpenStreams] = 0
  session[kClient] = client
  session[kSocket] = socket

  util.addListener(session, 'error', onHttp2SessionError)
  util.addListener(session, 'frameError', onHttp2FrameError)
  util.addListener(session, 'end', onHttp2SessionEnd)
  util.addListener(session, 'goaway', onHTTP2GoAway)
  util.addListener(session, 'close', function () {
    const { [kClient]: client } = this
    const { [kSocket]: socket } = client

    const err = this[kSocket][kError] || this[kError] || new SocketError('closed', util.getSocketInfo(socket))

    client[kHTTP2Session] = null

    if (client.destroyed) {
      assert(client[kPending] === 0)

      // Fail entire queue.
      const requests = client[kQueue].splice(client[kRunningIdx])
      for (let i = 0; i < requests.length; i++) {
        const request = requests[i]
        util.errorRequest(client, request, err)
      }
    }
  })

  session.unref()

  client[kHTTP2Session] = session
  socket[kHTTP2Session] = session

  util.addListener(socket, 'error', function (err) {
    this[kError] = err

    this[kClient][kOnError](err)
  })

  util.addListener(socket, 'end', function () {
    util.destroy(this, new SocketError('other side closed', util.getSocketInfo(this)))
  })

  util.addListener(socket, 'close', function () {
    const err = this[kError] || new SocketError('closed', util.getSocketInfo(this))

    client[kSocket] = null

    if (this[kHTTP2Session] != null) {
      this[kHTTP2Session].destroy(err)
    }

    client[kPendingIdx] = client[kRunningIdx]

    assert(client[kRunning] === 0)

    client.emit('disconnect', client[kUrl], [client], err)

    client[kResume]()
  })

  let closed = false
  socket.on('close', () => {
    closed = true
  })

  return {
    version: 'h2',
    defaultPipelining: Infinity,
    write (...args) {
      return writeH2(client, ...args)
    },
    resume () {
      resumeH2(client)
    },
    destroy (err, callback) {
      if (closed) {
        queueMicrotask(callback)
      } else {
        // Destroying the socket will trigger the session close
        socket.destroy(err).on('close', callback)
      }
    },
    get destroyed () {
      return socket.destroyed
    },
    busy () {
      return false
    }
  }
}

function resumeH2 (client) {
  const socket = client[kSocket]

  if (socket?.destroyed === false) {
    if (client[kSize] === 0 && client[kMaxConcurrentStreams] === 0) {
      socket.unref()
      client[kHTTP2Session].unref()
    } else {
      socket.ref()
      client[kHTTP2Session].ref()
    }
  }
}

function onHttp2SessionError (err) {
  this[kSocket][kError] = err
  this[kClient][kOnError](err)
}

function onHttp2FrameError (type, code, id) {
  if (id === 0) {
    const err = new InformationalError(`HTTP/2: "frameError" received - type ${type}, code ${code}`)
    this[kSocket][kError] = err
    this[kClient][kOnError](err)
  }
}

function onHttp2SessionEnd () {
  const err = new SocketError('other side closed', util.getSocketInfo(this[kSocket]))
  this.destroy(err)
  util.destroy(this[kSocket], err)
}

/**
 * This is the root cause of #3011
 * We need to handle GOAWAY frames properly, and trigger the session close
 * along with the socket right away
 */
function onHTTP2GoAway (code) {
  // We cannot recover, so best to close the session and the socket
  const err = this[kError] || new SocketError(`HTTP/2: "GOAWAY" frame received with code ${code}`, util.getSocketInfo(this))
  const client = this[kClient]

  client[kSocket] = null
  client[kHTTPContext] = null

  if (this[kHTTP2Session] != null) {
    this[kHTTP2Session].destroy(err)
    this[kHTTP2Session] = null
  }

  util.destroy(this[kSocket], err)

  // Fail head of pipeline.
  if (client[kRunningIdx] < client[kQueue].length) {
    const request = client[kQueue][client[kRunningIdx]]
    client[kQueue][client[kRunningIdx]++] = null
    util.errorRequest(client, request, err)
    client[kPendingIdx] = client[kRunningIdx]
  }

  assert(client[kRunning] === 0)

  client.emit('disconnect', client[kUrl], [client], err)

  client[kResume]()
}

// https://www.rfc-editor.org/rfc/rfc7230#section-3.3.2
function shouldSendContentLength (method) {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS' && method !== 'TRACE' && method !== 'CONNECT'
}

function writeH2 (client, request) {
  const session = client[kHTTP2Session]
  const { method, path, host, upgrade, expectContinue, signal, headers: reqHeaders } = request
  let { body } = request

  if (upgrade) {
    util.errorRequest(client, request, new Error('Upgrade not supported for H2'))
    return false
  }

  const headers = {}
  for (let n = 0; n < reqHeaders.length; n += 2) {
    const key = reqHeaders[n + 0]
    const val = reqHeaders[n + 1]

    if (Array.isArray(val)) {
      for (let i = 0; i < val.length; i++) {
        if (headers[key]) {
          headers[key] += `,${val[i]}`
        } else {
          headers[key] = val[i]
        }
      }
    } else {
      headers[key] = val
    }
  }

  /** @type {import('node:http2').ClientHttp2Stream} */
  let stream

  const { hostname, port } = client[kUrl]

  headers[HTTP2_HEADER_AUTHORITY] = host || `${hostname}${port ? `:${port}` : ''}`
  headers[HTTP2_HEADER_METHOD] = method

  /**
   * @param {Error} [error]
   */
  const abort = (error) => {
    if (request.aborted) {
      return
    }

    if (request.completed) {
      if (method === 'CONNECT' && stream != null) {
        util.destroy(stream, error || new RequestAbortedError())
      }
      return
    }

    error = error || new RequestAbortedError()

    util.errorRequest(client, request, error)

    if (stream != null) {
      util.destroy(stream, error)
    }

    // We do not destroy the socket as we can continue using the session
    // the stream get's destroyed and the session remains to create new streams
    util.destroy(body, error)
    client[kQueue][client[kRunningIdx]++] = null
    client[kResume]()
  }

  try {
    // We are already connected, streams are pending.
    // We can call on connect, and wait for abort
    request.onConnect(abort)
  } catch (err) {
    util.errorRequest(client, request, err)
  }

  if (request.aborted) {
    return false
  }

  if (method === 'CONNECT') {
    session.ref()
    // We disabled endStream to allow the user to write to the stream
    stream = session.request(headers, { endStream: false, signal })
    let upgradeResponseFinished = false

    /**
     * @param {import('node:http2').IncomingHttpHeaders} headers
     */
    const onResponse = (headers) => {
      upgradeResponseFinished = true
      stream.off(errorMonitor, onUpgradeError)
      request.onUpgradeResponse(Number(headers[HTTP2_HEADER_STATUS]), headers, parseH2ResponseHeaders)
    }

    /**
     * @param {Error} error
     */
    const onUpgradeError = (error) => {
      upgradeResponseFinished = true
      stream.off('response', onResponse)
      request.onUpgradeError(error)
    }

    const onReady = () => {
      try {
        request.onUpgrade(null, null, stream)
      } catch (error) {
        stream.off('response', onResponse)
        abort(error)
        return
      }

      if (request.aborted) {
        return
      }

      stream.off('error', abort)
      stream.once(errorMonitor, onUpgradeError)
      client[kQueue][client[kRunningIdx]++] = null
    }

    stream.once('response', onResponse)
    stream.once('error', abort)
    ++session[kOpenStreams]
    onReady()

    stream.once('close', () => {
      if (!upgradeResponseFinished && request.completed) {
        stream.off('response', onResponse)
        stream.off(errorMonitor, onUpgradeError)
        request.onUpgradeError(new InformationalError(`HTTP/2: "stream error" received - code ${stream.rstCode}`))
      }
      session[kOpenStreams] -= 1
      if (session[kOpenStreams] === 0) session.unref()
    })

    return true
  }

  // https://tools.ietf.org/html/rfc7540#section-8.3
  // :path and :scheme headers must be omitted when sending CONNECT

  headers[HTTP2_HEADER_PATH] = path
  headers[HTTP2_HEADER_SCHEME] = 'https'

  // https://tools.ietf.org/html/rfc7231#section-4.3.1
  // https://tools.ietf.org/html/rfc7231#section-4.3.2
  // https://tools.ietf.org/html/rfc7231#section-4.3.5

  // Sending a payload body on a request that does not
  // expect it can cause undefined behavior on some
  // servers and corrupt connection state. Do not
  // re-use the connection for further requests.

  const expectsPayload = (
    method === 'PUT' ||
    method === 'POST' ||
    method === 'PATCH'
  )

  if (body && typeof body.read === 'function') {
    // Try to read EOF in order to get length.
    body.read(0)
  }

  let contentLength = util.bodyLength(body)

  if (util.isFormDataLike(body)) {
    extractBody ??= (__nccwpck_require__(6839).extractBody)

    const [bodyStream, contentType] = extractBody(body)
    headers['content-type'] = contentType

    body = bodyStream.stream
    contentLength = bodyStream.length
  }

  if (contentLength == null) {
    contentLength = request.contentLength
  }

  if (contentLength === 0 || !expectsPayload) {
    // https://tools.ietf.org/html/rfc7230#section-3.3.2
    // A user agent SHOULD NOT send a Content-Length header field when
    // the request message does not contain a payload body and the method
    // semantics do not anticipate such a body.

    contentLength = null
  }

  // https://github.com/nodejs/undici/issues/2046
  // A user agent may send a Content-Length header with 0 value, this should be allowed.
  if (shouldSendContentLength(method) && contentLength > 0 && request.contentLength != null && request.contentLength !== contentLength) {
    if (client[kStrictContentLength]) {
      util.errorRequest(client, request, new RequestContentLengthMismatchError())
      return false
    }

    process.emitWarning(new RequestContentLengthMismatchError())
  }

  if (contentLength != null) {
    assert(body, 'no body must not have content length')
    headers[HTTP2_HEADER_CONTENT_LENGTH] = `${contentLength}`
  }

  session.ref()

  const shouldEndStream = method === 'GET' || method === 'HEAD' || body === null
  if (expectContinue) {
    headers[HTTP2_HEADER_EXPECT] = '100-continue'
    stream = session.request(headers, { endStream: shouldEndStream, signal })

    stream.once('continue', writeBodyH2)
  } else {
    stream = session.request(headers, {
      endStream: shouldEndStream,
      signal
    })
    writeBodyH2()
  }

  // Increment counter as we have new streams open
  ++session[kOpenStreams]

  stream.once('response', headers => {
    const { [HTTP2_HEADER_STATUS]: statusCode, ...realHeaders } = headers
    request.onResponseStarted()

    // Due to the stream nature, it is possible we face a race condition
    // where the stream has been assigned, but the request has been aborted
    // the request remains in-flight and headers hasn't been received yet
    // for those scenarios, best effort is to destroy the stream immediately
    // as there's no value to keep it open.
    if (request.aborted) {
      const err = new RequestAbortedError()
      util.errorRequest(client, request, err)
      util.destroy(stream, err)
      return
    }

    if (request.onHeaders(Number(statusCode), parseH2Headers(realHeaders), stream.resume.bind(stream), '') === false) {
      stream.pause()
    }

    stream.on('data', (chunk) => {
      if (request.onData(chunk) === false) {
        stream.pause()
      }
    })
  })

  stream.once('end', () => {
    // When state is null, it means we haven't consumed body and the stream still do not have
    // a state.
    // Present specially when using pipeline or stream
    if (stream.state?.state == null || stream.state.state < 6) {
      request.onComplete([])
    }

    if (session[kOpenStreams] === 0) {
      // Stream is closed or half-closed-remote (6), decrement counter and cleanup
      // It does not have sense to continue working with the stream as we do not
      // have yet RST_STREAM support on client-side

      session.unref()
    }

    abort(new InformationalError('HTTP/2: stream half-closed (remote)'))
    client[kQueue][client[kRunningIdx]++] = null
    client[kPendingIdx] = client[kRunningIdx]
    client[kResume]()
  })

  stream.once('close', () => {
    session[kOpenStreams] -= 1
    if (session[kOpenStreams] === 0) {
      session.unref()
    }
  })

  stream.once('error', function (err) {
    abort(err)
  })

  stream.once('frameError', (type, code) => {
    abort(new InformationalError(`HTTP/2: "frameError" received - type ${type}, code ${code}`))
  })

  // stream.on('aborted', () => {
  //   // TODO(HTTP/2): Support aborted
  // })

  // stream.on('timeout', () => {
  //   // TODO(HTTP/2): Support timeout
  // })

  // stream.on('push', headers => {
  //   // TODO(HTTP/2): Support push
  // })

  // stream.on('trailers', headers => {
  //   // TODO(HTTP/2): Support trailers
  // })

  return true

  function writeBodyH2 () {
    /* istanbul ignore else: assertion */
    if (!body || contentLength === 0) {
      writeBuffer(
        abort,
        stream,
        null,
        client,
        request,
        client[kSocket],
        contentLength,
        expectsPayload
      )
    } else if (util.isBuffer(body)) {
      writeBuffer(
        abort,
        stream,
        body,
        client,
        request,
        client[kSocket],
        contentLength,
        expectsPayload
      )
    } else if (util.isBlobLike(body)) {
      if (typeof body.stream === 'function') {
        writeIterable(
          abort,
          stream,
          body.stream(),
          client,
          request,
          client[kSocket],
          contentLength,
          expectsPayload
        )
      } else {
        writeBlob(
          abort,
          stream,
          body,
          client,
          request,
          client[kSocket],
          contentLength,
          expectsPayload
        )
      }
    } else if (util.isStream(body)) {
      writeStream(
        abort,
        client[kSocket],
        expectsPayload,
        stream,
        body,
        client,
        request,
        contentLength
      )
    } else if (util.isIterable(body)) {
      writeIterable(
        abort,
        stream,
        body,
        client,
        request,
        client[kSocket],
        contentLength,
        expectsPayload
      )
    } else {
      assert(false)
    }
  }
}

function writeBuffer (abort, h2stream, body, client, request, socket, contentLength, expectsPayload) {
  try {
    if (body != null && util.isBuffer(body)) {
      assert(contentLength === body.byteLength, 'buffer body must have content length')
      h2stream.cork()
      h2stream.write(body)
      h2stream.uncork()
      h2stream.end()

      request.onBodySent(body)
    }

    if (!expectsPayload) {
      socket[kReset] = true
    }

    request.onRequestSent()
    client[kResume]()
  } catch (error) {
    abort(error)
  }
}

function writeStream (abort, socket, expectsPayload, h2stream, body, client, request, contentLength) {
  assert(contentLength !== 0 || client[kRunning] === 0, 'stream body cannot be pipelined')

  // For HTTP/2, is enough to pipe the stream
  const pipe = pipeline(
    body,
    h2stream,
    (err) => {
      if (err) {
        util.destroy(pipe, err)
        abort(err)
      } else {
        util.removeAllListeners(pipe)
        request.onRequestSent()

        if (!expectsPayload) {
          socket[kReset] = true
        }

        client[kResume]()
      }
    }
  )

  util.addListener(pipe, 'data', onPipeData)

  function onPipeData (chunk) {
    request.onBodySent(chunk)
  }
}

async function writeBlob (abort, h2stream, body, client, request, socket, contentLength, expectsPayload) {
  assert(contentLength === body.size, 'blob body must have content length')

  try {
    if (contentLength != null && contentLength !== body.size) {
      throw new RequestContentLengthMismatchError()
    }

    const buffer = Buffer.from(await body.arrayBuffer())

    h2stream.cork()
    h2stream.write(buffer)
    h2stream.uncork()
    h2stream.end()

    request.onBodySent(buffer)
    request.onRequestSent()

    if (!expectsPayload) {
      socket[kReset] = true
    }

    client[kResume]()
  } catch (err) {
    abort(err)
  }
}

async function writeIterable (abort, h2stream, body, client, request, socket, contentLength, expectsPayload) {
  assert(contentLength !== 0 || client[kRunning] === 0, 'iterator body cannot be pipelined')

  let callback = null
  function onDrain () {
    if (callback) {
      const cb = callback
      callback = null
      cb()
    }
  }

  const waitForDrain = () => new Promise((resolve, reject) => {
    assert(callback === null)

    if (socket[kError]) {
      reject(socket[kError])
    } else {
      callback = resolve
    }
  })

  h2stream
    .on('close', onDrain)
    .on('drain', onDrain)

  try {
    // It's up to the user to somehow abort the async iterable.
    for await (const chunk of body) {
      if (socket[kError]) {
        throw socket[kError]
      }

      const res = h2stream.write(chunk)
      request.onBodySent(chunk)
      if (!res) {
        await waitForDrain()
      }
    }

    h2stream.end()

    request.onRequestSent()

    if (!expectsPayload) {
      socket[kReset] = true
    }

    client[kResume]()
  } catch (err) {
    abort(err)
  } finally {
    h2stream
      .off('close', onDrain)
      .off('drain', onDrain)
  }
}

module.exports = connectH2


/***/ }),

/***/ 3701:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

// @ts-check



const assert = __nccwpck_require__(4589)
const net = __nccwpck_require__(7030)
const http = __nccwpck_require__(7067)
const util = __nccwpck_require__(3440)
const { channels } = __nccwpck_require__(2414)
const Request = __nccwpck_require__(4655)
const DispatcherBase = __nccwpck_require__(1841)
const {
  InvalidArgumentError,
  InformationalError,
  ClientDestroyedError
} = __nccwpck_require__(8707)
const buildConnector = __nccwpck_require__(9136)
const {
  kUrl,
  kServerName,
  kClient,
  kBusy,
  kConnect,
  kResuming,
  kRunning,
  kPending,
  kSize,
  kQueue,
  kConnected,
  kConnecting,
  kNeedDrain,
  kKeepAliveDefaultTimeout,
  kHostHeader,
  kPendingIdx,
  kRunningIdx,
  kError,
  kPipelining,
  kKeepAliveTimeoutValue,
  kMaxHeadersSize,
  kKeepAliveMaxTimeout,
  kKeepAliveTimeoutThreshold,
  kHeadersTimeout,
  kBodyTimeout,
  kStrictContentLength,
  kConnector,
  kMaxRedirections,
  kMaxRequests,
  kCounter,
  kClose,
  kDestroy,
  kDispatch,
  kInterceptors,
  kLocalAddress,
  kMaxResponseSize,
  kOnError,
  kHTTPContext,
  kMaxConcurrentStreams,
  kResume
} = __nccwpck_require__(6443)
const connectH1 = __nccwpck_require__(637)
const connectH2 = __nccwpck_require__(8788)
let deprecatedInterceptorWarned = false

const kClosedResolve = Symbol('kClosedResolve')

const noop = () => {}

function getPipelining (client) {
  return client[kPipelining] ?? client[kHTTPContext]?.defaultPipelining ?? 1
}

/**
 * @type {import('../../types/client.js').default}
 */
class Client extends DispatcherBase {
  /**
   *
   * @param {string|URL} url
   * @param {import('../../types/client.js').Client.Options} options
   */
  constructor (url, {
    interceptors,
    maxHeaderSize,
    headersTimeout,
    socketTimeout,
    requestTimeout,
    connectTimeout,
    bodyTimeout,
    idleTimeout,
    keepAlive,
    keepAliveTimeout,
    maxKeepAliveTimeout,
    keepAliveMaxTimeout,
    keepAliveTimeoutThreshold,
    socketPath,
    pipelining,
    tls,
    strictContentLength,
    maxCachedSessions,
    maxRedirections,
    connect,
    maxRequestsPerClient,
    localAddress,
    maxResponseSize,
    autoSelectFamily,
    autoSelectFamilyAttemptTimeout,
    // h2
    maxConcurrentStreams,
    allowH2,
    webSocket,
    eventSource
  } = {}) {
    super({ webSocket, eventSource })

    if (keepAlive !== undefined) {
      throw new InvalidArgumentError('unsupported keepAlive, use pipelining=0 instead')
    }

    if (socketTimeout !== undefined) {
      throw new InvalidArgumentError('unsupported socketTimeout, use headersTimeout & bodyTimeout instead')
    }

    if (requestTimeout !== undefined) {
      throw new InvalidArgumentError('unsupported requestTimeout, use headersTimeout & bodyTimeout instead')
    }

    if (idleTimeout !== undefined) {
      throw new InvalidArgumentError('unsupported idleTimeout, use keepAliveTimeout instead')
    }

    if (maxKeepAliveTimeout !== undefined) {
      throw new InvalidArgumentError('unsupported maxKeepAliveTimeout, use keepAliveMaxTimeout instead')
    }

    if (maxHeaderSize != null && !Number.isFinite(maxHeaderSize)) {
      throw new InvalidArgumentError('invalid maxHeaderSize')
    }

    if (socketPath != null && typeof socketPath !== 'string') {
      throw new InvalidArgumentError('invalid socketPath')
    }

    if (connectTimeout != null && (!Number.isFinite(connectTimeout) || connectTimeout < 0)) {
      throw new InvalidArgumentError('invalid connectTimeout')
    }

    if (keepAliveTimeout != null && (!Number.isFinite(keepAliveTimeout) || keepAliveTimeout <= 0)) {
      throw new InvalidArgumentError('invalid keepAliveTimeout')
    }

    if (keepAliveMaxTimeout != null && (!Number.isFinite(keepAliveMaxTimeout) || keepAliveMaxTimeout <= 0)) {
      throw new InvalidArgumentError('invalid keepAliveMaxTimeout')
    }

    if (keepAliveTimeoutThreshold != null && !Number.isFinite(keepAliveTimeoutThreshold)) {
      throw new InvalidArgumentError('invalid keepAliveTimeoutThreshold')
    }

    if (headersTimeout != null && (!Number.isInteger(headersTimeout) || headersTimeout < 0)) {
      throw new InvalidArgumentError('headersTimeout must be a positive integer or zero')
    }

    if (bodyTimeout != null && (!Number.isInteger(bodyTimeout) || bodyTimeout < 0)) {
      throw new InvalidArgumentError('bodyTimeout must be a positive integer or zero')
    }

    if (connect != null && typeof connect !== 'function' && typeof connect !== 'object') {
      throw new InvalidArgumentError('connect must be a function or an object')
    }

    if (maxRedirections != null && (!Number.isInteger(maxRedirections) || maxRedirections < 0)) {
      throw new InvalidArgumentError('maxRedirections must be a positive number')
    }

    if (maxRequestsPerClient != null && (!Number.isInteger(maxRequestsPerClient) || maxRequestsPerClient < 0)) {
      throw new InvalidArgumentError('maxRequestsPerClient must be a positive number')
    }

    if (localAddress != null && (typeof localAddress !== 'string' || net.isIP(localAddress) === 0)) {
      throw new InvalidArgumentError('localAddress must be valid string IP address')
    }

    if (maxResponseSize != null && (!Number.isInteger(maxResponseSize) || maxResponseSize < -1)) {
      throw new InvalidArgumentError('maxResponseSize must be a positive number')
    }

    if (
      autoSelectFamilyAttemptTimeout != null &&
      (!Number.isInteger(autoSelectFamilyAttemptTimeout) || autoSelectFamilyAttemptTimeout < -1)
    ) {
      throw new InvalidArgumentError('autoSelectFamilyAttemptTimeout must be a positive number')
    }

    // h2
    if (allowH2 != null && typeof allowH2 !== 'boolean') {
      throw new InvalidArgumentError('allowH2 must be a valid boolean value')
    }

    if (maxConcurrentStreams != null && (typeof maxConcurrentStreams !== 'number' || maxConcurrentStreams < 1)) {
      throw new InvalidArgumentError('maxConcurrentStreams must be a positive integer, greater than 0')
    }

    if (typeof connect !== 'function') {
      connect = buildConnector({
        ...tls,
        maxCachedSessions,
        allowH2,
        socketPath,
        timeout: connectTimeout,
        ...(autoSelectFamily ? { autoSelectFamily, autoSelectFamilyAttemptTimeout } : undefined),
        ...connect
      })
    }

    if (interceptors?.Client && Array.isArray(interceptors.Client)) {
      this[kInterceptors] = interceptors.Client
      if (!deprecatedInterceptorWarned) {
        deprecatedInterceptorWarned = true
        process.emitWarning('Client.Options#interceptor is deprecated. Use Dispatcher#compose instead.', {
          code: 'UNDICI-CLIENT-INTERCEPTOR-DEPRECATED'
        })
      }
    } else {
      this[kInterceptors] = [createRedirectInterceptor({ maxRedirections })]
    }

    this[kUrl] = util.parseOrigin(url)
    this[kConnector] = connect
    this[kPipelining] = pipelining != null ? pipelining : 1
    this[kMaxHeadersSize] = maxHeaderSize || http.maxHeaderSize
    this[kKeepAliveDefaultTimeout] = keepAliveTimeout == null ? 4e3 : keepAliveTimeout
    this[kKeepAliveMaxTimeout] = keepAliveMaxTimeout == null ? 600e3 : keepAliveMaxTimeout
    this[kKeepAliveTimeoutThreshold] = keepAliveTimeoutThreshold == null ? 2e3 : keepAliveTimeoutThreshold
    this[kKeepAliveTimeoutValue] = this[kKeepAliveDefaultTimeout]
    this[kServerName] = null
    this[kLocalAddress] = localAddress != null ? localAddress : null
    this[kResuming] = 0 // 0, idle, 1, scheduled, 2 resuming
    this[kNeedDrain] = 0 // 0, idle, 1, scheduled, 2 resuming
    this[kHostHeader] = `host: ${this[kUrl].hostname}${this[kUrl].port ? `:${this[kUrl].port}` : ''}\r\n`
    this[kBodyTimeout] = bodyTimeout != null ? bodyTimeout : 300e3
    this[kHeadersTimeout] = headersTimeout != null ? headersTimeout : 300e3
    this[kStrictContentLength] = strictContentLength == null ? true : strictContentLength
    this[kMaxRedirections] = maxRedirections
    this[kMaxRequests] = maxRequestsPerClient
    this[kClosedResolve] = null
    this[kMaxResponseSize] = maxResponseSize > -1 ? maxResponseSize : -1
    this[kMaxConcurrentStreams] = maxConcurrentStreams != null ? maxConcurrentStreams : 100 // Max peerConcurrentStreams for a Node h2 server
    this[kHTTPContext] = null

    // kQueue is built up of 3 sections separated by
    // the kRunningIdx and kPendingIdx indices.
    // |   complete   |   running   |   pending   |
    //                ^ kRunningIdx ^ kPendingIdx ^ kQueue.length
    // kRunningIdx points to the first running element.
    // kPendingIdx points to the first pending element.
    // This implements a fast queue with an amortized
    // time of O(1).

    this[kQueue] = []
    this[kRunningIdx] = 0
    this[kPendingIdx] = 0

    this[kResume] = (sync) => resume(this, sync)
    this[kOnError] = (err) => onError(this, err)
  }

  get pipelining () {
    return this[kPipelining]
  }

  set pipelining (value) {
    this[kPipelining] = value
    this[kResume](true)
  }

  get [kPending] () {
    return this[kQueue].length - this[kPendingIdx]
  }

  get [kRunning] () {
    return this[kPendingIdx] - this[kRunningIdx]
  }

  get [kSize] () {
    return this[kQueue].length - this[kRunningIdx]
  }

  get [kConnected] () {
    return !!this[kHTTPContext] && !this[kConnecting] && !this[kHTTPContext].destroyed
  }

  get [kBusy] () {
    return Boolean(
      this[kHTTPContext]?.busy(null) ||
      (this[kSize] >= (getPipelining(this) || 1)) ||
      this[kPending] > 0
    )
  }

  /* istanbul ignore: only used for test */
  [kConnect] (cb) {
    connect(this)
    this.once('connect', cb)
  }

  [kDispatch] (opts, handler) {
    const origin = opts.origin || this[kUrl].origin
    const request = new Request(origin, opts, handler)

    this[kQueue].push(request)
    if (this[kResuming]) {
      // Do nothing.
    } else if (util.bodyLength(request.body) == null && util.isIterable(request.body)) {
      // Wait a tick in case stream/iterator is ended in the same tick.
      this[kResuming] = 1
      queueMicrotask(() => resume(this))
    } else {
      this[kResume](true)
    }

    if (this[kResuming] && this[kNeedDrain] !== 2 && this[kBusy]) {
      this[kNeedDrain] = 2
    }

    return this[kNeedDrain] < 2
  }

  async [kClose] () {
    // TODO: for H2 we need to gracefully flush the remaining enqueued
    // request and close each stream.
    return new Promise((resolve) => {
      if (this[kSize]) {
        this[kClosedResolve] = resolve
      } else {
        resolve(null)
      }
    })
  }

  async [kDestroy] (err) {
    return new Promise((resolve) => {
      const requests = this[kQueue].splice(this[kPendingIdx])
      for (let i = 0; i < requests.length; i++) {
        const request = requests[i]
        util.errorRequest(this, request, err)
      }

      const callback = () => {
        if (this[kClosedResolve]) {
          // TODO (fix): Should we error here with ClientDestroyedError?
          this[kClosedResolve]()
          this[kClosedResolve] = null
        }
        resolve(null)
      }

      if (this[kHTTPContext]) {
        this[kHTTPContext].destroy(err, callback)
        this[kHTTPContext] = null
      } else {
        queueMicrotask(callback)
      }

      this[kResume]()
    })
  }
}

const createRedirectInterceptor = __nccwpck_require__(5092)

function onError (client, err) {
  if (
    client[kRunning] === 0 &&
    err.code !== 'UND_ERR_INFO' &&
    err.code !== 'UND_ERR_SOCKET'
  ) {
    // Error is not caused by running request and not a recoverable
    // socket error.

    assert(client[kPendingIdx] === client[kRunningIdx])

    const requests = client[kQueue].splice(client[kRunningIdx])

    for (let i = 0; i < requests.length; i++) {
      const request = requests[i]
      util.errorRequest(client, request, err)
    }
    assert(client[kSize] === 0)
  }
}

/**
 * @param {Client} client
 * @returns
 */
async function connect (client) {
  assert(!client[kConnecting])
  assert(!client[kHTTPContext])

  let { host, hostname, protocol, port } = client[kUrl]

  // Resolve ipv6
  if (hostname[0] === '[') {
    const idx = hostname.indexOf(']')

    assert(idx !== -1)
    const ip = hostname.substring(1, idx)

    assert(net.isIP(ip))
    hostname = ip
  }

  client[kConnecting] = true

  if (channels.beforeConnect.hasSubscribers) {
    channels.beforeConnect.publish({
      connectParams: {
        host,
        hostname,
        protocol,
        port,
        version: client[kHTTPContext]?.version,
        servername: client[kServerName],
        localAddress: client[kLocalAddress]
      },
      connector: client[kConnector]
    })
  }

  try {
    const socket = await new Promise((resolve, reject) => {
      client[kConnector]({
        host,
        hostname,
        protocol,
        port,
        servername: client[kServerName],
        localAddress: client[kLocalAddress]
      }, (err, socket) => {
        if (err) {
          reject(err)
        } else {
          resolve(socket)
        }
      })
    })

    if (client.destroyed) {
      util.destroy(socket.on('error', noop), new ClientDestroyedError())
      return
    }

    assert(socket)

    try {
      client[kHTTPContext] = socket.alpnProtocol === 'h2'
        ? await connectH2(client, socket)
        : await connectH1(client, socket)
    } catch (err) {
      socket.destroy().on('error', noop)
      throw err
    }

    client[kConnecting] = false

    socket[kCounter] = 0
    socket[kMaxRequests] = client[kMaxRequests]
    socket[kClient] = client
    socket[kError] = null

    if (channels.connected.hasSubscribers) {
      channels.connected.publish({
        connectParams: {
          host,
          hostname,
          protocol,
          port,
          version: client[kHTTPContext]?.version,
          servername: client[kServerName],
          localAddress: client[kLocalAddress]
        },
        connector: client[kConnector],
        socket
      })
    }
    client.emit('connect', client[kUrl], [client])
  } catch (err) {
    if (client.destroyed) {
      return
    }

    client[kConnecting] = false

    if (channels.connectError.hasSubscribers) {
      channels.connectError.publish({
        connectParams: {
          host,
          hostname,
          protocol,
          port,
          version: client[kHTTPContext]?.version,
          servername: client[kServerName],
          localAddress: client[kLocalAddress]
        },
        connector: client[kConnector],
        error: err
      })
    }

    if (err.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
      assert(client[kRunning] === 0)
      while (client[kPending] > 0 && client[kQueue][client[kPendingIdx]].servername === client[kServerName]) {
        const request = client[kQueue][client[kPendingIdx]++]
        util.errorRequest(client, request, err)
      }
    } else {
      onError(client, err)
    }

    client.emit('connectionError', client[kUrl], [client], err)
  }

  client[kResume]()
}

function emitDrain (client) {
  client[kNeedDrain] = 0
  client.emit('drain', client[kUrl], [client])
}

function resume (client, sync) {
  if (client[kResuming] === 2) {
    return
  }

  client[kResuming] = 2

  _resume(client, sync)
  client[kResuming] = 0

  if (client[kRunningIdx] > 256) {
    client[kQueue].splice(0, client[kRunningIdx])
    client[kPendingIdx] -= client[kRunningIdx]
    client[kRunningIdx] = 0
  }
}

function _resume (client, sync) {
  while (true) {
    if (client.destroyed) {
      assert(client[kPending] === 0)
      return
    }

    if (client[kClosedResolve] && !client[kSize]) {
      client[kClosedResolve]()
      client[kClosedResolve] = null
      return
    }

    if (client[kHTTPContext]) {
      client[kHTTPContext].resume()
    }

    if (client[kBusy]) {
      client[kNeedDrain] = 2
    } else if (client[kNeedDrain] === 2) {
      if (sync) {
        client[kNeedDrain] = 1
        queueMicrotask(() => emitDrain(client))
      } else {
        emitDrain(client)
      }
      continue
    }

    if (client[kPending] === 0) {
      return
    }

    if (client[kRunning] >= (getPipelining(client) || 1)) {
      return
    }

    const request = client[kQueue][client[kPendingIdx]]

    if (client[kUrl].protocol === 'https:' && client[kServerName] !== request.servername) {
      if (client[kRunning] > 0) {
        return
      }

      client[kServerName] = request.servername
      client[kHTTPContext]?.destroy(new InformationalError('servername changed'), () => {
        client[kHTTPContext] = null
        resume(client)
      })
    }

    if (client[kConnecting]) {
      return
    }

    if (!client[kHTTPContext]) {
      connect(client)
      return
    }

    if (client[kHTTPContext].destroyed) {
      return
    }

    if (client[kHTTPContext].busy(request)) {
      return
    }

    if (!request.aborted && client[kHTTPContext].write(request)) {
      client[kPendingIdx]++
    } else {
      client[kQueue].splice(client[kPendingIdx], 1)
    }
  }
}

module.exports = Client


/***/ }),

/***/ 1841:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const buffer = __nccwpck_require__(4573)
const Dispatcher = __nccwpck_require__(883)
const {
  ClientDestroyedError,
  ClientClosedError,
  InvalidArgumentError
} = __nccwpck_require__(8707)
const { kDestroy, kClose, kClosed, kDestroyed, kDispatch, kInterceptors } = __nccwpck_require__(6443)

const kOnDestroyed = Symbol('onDestroyed')
const kOnClosed = Symbol('onClosed')
const kInterceptedDispatch = Symbol('Intercepted Dispatch')
const kWebSocketOptions = Symbol('webSocketOptions')
const kEventSourceOptions = Symbol('eventSourceOptions')

class DispatcherBase extends Dispatcher {
  constructor (opts) {
    super()

    this[kDestroyed] = false
    this[kOnDestroyed] = null
    this[kClosed] = false
    this[kOnClosed] = []
    this[kWebSocketOptions] = opts?.webSocket ?? {}
    this[kEventSourceOptions] = opts?.eventSource ?? {}
  }

  get webSocketOptions () {
    return {
      maxFragments: this[kWebSocketOptions].maxFragments ?? 131072,
      maxPayloadSize: this[kWebSocketOptions].maxPayloadSize ?? 128 * 1024 * 1024
    }
  }

  get eventSourceOptions () {
    return {
      maxEventSize: this[kEventSourceOptions].maxEventSize ?? buffer.kStringMaxLength
    }
  }

  get destroyed () {
    return this[kDestroyed]
  }

  get closed () {
    return this[kClosed]
  }

  get interceptors () {
    return this[kInterceptors]
  }

  set interceptors (newInterceptors) {
    if (newInterceptors) {
      for (let i = newInterceptors.length - 1; i >= 0; i--) {
        const interceptor = this[kInterceptors][i]
        if (typeof interceptor !== 'function') {
          throw new InvalidArgumentError('interceptor must be an function')
        }
      }
    }

    this[kInterceptors] = newInterceptors
  }

  close (callback) {
    if (callback === undefined) {
      return new Promise((resolve, reject) => {
        this.close((err, data) => {
          return err ? reject(err) : resolve(data)
        })
      })
    }

    if (typeof callback !== 'function') {
      throw new InvalidArgumentError('invalid callback')
    }

    if (this[kDestroyed]) {
      queueMicrotask(() => callback(new ClientDestroyedError(), null))
      return
    }

    if (this[kClosed]) {
      if (this[kOnClosed]) {
        this[kOnClosed].push(callback)
      } else {
        queueMicrotask(() => callback(null, null))
      }
      return
    }

    this[kClosed] = true
    this[kOnClosed].push(callback)

    const onClosed = () => {
      const callbacks = this[kOnClosed]
      this[kOnClosed] = null
      for (let i = 0; i < callbacks.length; i++) {
        callbacks[i](null, null)
      }
    }

    // Should not error.
    this[kClose]()
      .then(() => this.destroy())
      .then(() => {
        queueMicrotask(onClosed)
      })
  }

  destroy (err, callback) {
    if (typeof err === 'function') {
      callback = err
      err = null
    }

    if (callback === undefined) {
      return new Promise((resolve, reject) => {
        this.destroy(err, (err, data) => {
          return err ? /* istanbul ignore next: should never error */ reject(err) : resolve(data)
        })
      })
    }

    if (typeof callback !== 'function') {
      throw new InvalidArgumentError('invalid callback')
    }

    if (this[kDestroyed]) {
      if (this[kOnDestroyed]) {
        this[kOnDestroyed].push(callback)
      } else {
        queueMicrotask(() => callback(null, null))
      }
      return
    }

    if (!err) {
      err = new ClientDestroyedError()
    }

    this[kDestroyed] = true
    this[kOnDestroyed] = this[kOnDestroyed] || []
    this[kOnDestroyed].push(callback)

    const onDestroyed = () => {
      const callbacks = this[kOnDestroyed]
      this[kOnDestroyed] = null
      for (let i = 0; i < callbacks.length; i++) {
        callbacks[i](null, null)
      }
    }

    // Should not error.
    this[kDestroy](err).then(() => {
      queueMicrotask(onDestroyed)
    })
  }

  [kInterceptedDispatch] (opts, handler) {
    if (!this[kInterceptors] || this[kInterceptors].length === 0) {
      this[kInterceptedDispatch] = this[kDispatch]
      return this[kDispatch](opts, handler)
    }

    let dispatch = this[kDispatch].bind(this)
    for (let i = this[kInterceptors].length - 1; i >= 0; i--) {
      dispatch = this[kInterceptors][i](dispatch)
    }
    this[kInterceptedDispatch] = dispatch
    return dispatch(opts, handler)
  }

  dispatch (opts, handler) {
    if (!handler || typeof handler !== 'object') {
      throw new InvalidArgumentError('handler must be an object')
    }

    try {
      if (!opts || typeof opts !== 'object') {
        throw new InvalidArgumentError('opts must be an object.')
      }

      if (this[kDestroyed] || this[kOnDestroyed]) {
        throw new ClientDestroyedError()
      }

      if (this[kClosed]) {
        throw new ClientClosedError()
      }

      return this[kInterceptedDispatch](opts, handler)
    } catch (err) {
      if (typeof handler.onError !== 'function') {
        throw new InvalidArgumentError('invalid onError method')
      }

      handler.onError(err)

      return false
    }
  }
}

module.exports = DispatcherBase


/***/ }),

/***/ 883:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


const EventEmitter = __nccwpck_require__(8474)

class Dispatcher extends EventEmitter {
  dispatch () {
    throw new Error('not implemented')
  }

  close () {
    throw new Error('not implemented')
  }

  destroy () {
    throw new Error('not implemented')
  }

  compose (...args) {
    // So we handle [interceptor1, interceptor2] or interceptor1, interceptor2, ...
    const interceptors = Array.isArray(args[0]) ? args[0] : args
    let dispatch = this.dispatch.bind(this)

    for (const interceptor of interceptors) {
      if (interceptor == null) {
        continue
      }

      if (typeof interceptor !== 'function') {
        throw new TypeError(`invalid interceptor, expected function received ${typeof interceptor}`)
      }

      dispatch = interceptor(dispatch)

      if (dispatch == null || typeof dispatch !== 'function' || dispatch.length !== 2) {
        throw new TypeError('invalid interceptor')
      }
    }

    return new ComposedDispatcher(this, dispatch)
  }
}

class ComposedDispatcher extends Dispatcher {
  #dispatcher = null
  #dispatch = null

  constructor (dispatcher, dispatch) {
    super()
    this.#dispatcher = dispatcher
    this.#dispatch = dispatch
  }

  dispatch (...args) {
    this.#dispatch(...args)
  }

  close (...args) {
    return this.#dispatcher.close(...args)
  }

  destroy (...args) {
    return this.#dispatcher.destroy(...args)
  }
}

module.exports = Dispatcher


/***/ }),

/***/ 4660:
/***/ ((module) => {

/* eslint-disable */



// Extracted from node/lib/internal/fixed_queue.js

// Currently optimal queue size, tested on V8 6.0 - 6.6. Must be power of two.
const kSize = 2048;
const kMask = kSize - 1;

// The FixedQueue is implemented as a singly-linked list of fixed-size
// circular buffers. It looks something like this:
//
//  head                                                       tail
//    |                                                          |
//    v                                                          v
// +-----------+ <-----\       +-----------+ <------\         +-----------+
// |  [null]   |        \----- |   next    |         \------- |   next    |
// +-----------+               +-----------+                  +-----------+
// |   item    | <-- bottom    |   item    | <-- bottom       |  [empty]  |
// |   item    |               |   item    |                  |  [empty]  |
// |   item    |               |   item    |                  |  [empty]  |
// |   item    |               |   item    |                  |  [empty]  |
// |   item    |               |   item    |       bottom --> |   item    |
// |   item    |               |   item    |                  |   item    |
// |    ...    |               |    ...    |                  |    ...    |
// |   item    |               |   item    |                  |   item    |
// |   item    |               |   item    |                  |   item    |
// |  [empty]  | <-- top       |   item    |                  |   item    |
// |  [empty]  |               |   item    |                  |   item    |
// |  [empty]  |               |  [empty]  | <-- top  top --> |  [empty]  |
// +-----------+               +-----------+                  +-----------+
//
// Or, if there is only one circular buffer, it looks something
// like either of these:
//
//  head   tail                                 head   tail
//    |     |                                     |     |
//    v     v                                     v     v
// +-----------+                               +-----------+
// |  [null]   |                               |  [null]   |
// +-----------+                               +-----------+
// |  [empty]  |                               |   item    |
// |  [empty]  |                               |   item    |
// |   item    | <-- bottom            top --> |  [empty]  |
// |   item    |                               |  [empty]  |
// |  [empty]  | <-- top            bottom --> |   item    |
// |  [empty]  |                               |   item    |
// +-----------+                               +-----------+
//
// Adding a value means moving `top` forward by one, removing means
// moving `bottom` forward by one. After reaching the end, the queue
// wraps around.
//
// When `top === bottom` the current queue is empty and when
// `top + 1 === bottom` it's full. This wastes a single space of storage
// but allows much quicker checks.

class FixedCircularBuffer {
  constructor() {
    this.bottom = 0;
    this.top = 0;
    this.list = new Array(kSize);
    this.next = null;
  }

  isEmpty() {
    return this.top === this.bottom;
  }

  isFull() {
    return ((this.top + 1) & kMask) === this.bottom;
  }

  push(data) {
    this.list[this.top] = data;
    this.top = (this.top + 1) & kMask;
  }

  shift() {
    const nextItem = this.list[this.bottom];
    if (nextItem === undefined)
      return null;
    this.list[this.bottom] = undefined;
    this.bottom = (this.bottom + 1) & kMask;
    return nextItem;
  }
}

module.exports = class FixedQueue {
  constructor() {
    this.head = this.tail = new FixedCircularBuffer();
  }

  isEmpty() {
    return this.head.isEmpty();
  }

  push(data) {
    if (this.head.isFull()) {
      // Head is full: Creates a new queue, sets the old queue's `.next` to it,
      // and sets it as the new main queue.
      this.head = this.head.next = new FixedCircularBuffer();
    }
    this.head.push(data);
  }

  shift() {
    const tail = this.tail;
    const next = tail.shift();
    if (tail.isEmpty() && tail.next !== null) {
      // If there is another queue, it forms the new tail.
      this.tail = tail.next;
    }
    return next;
  }
};


/***/ }),

/***/ 2128:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const DispatcherBase = __nccwpck_require__(1841)
const FixedQueue = __nccwpck_require__(4660)
const { kConnected, kSize, kRunning, kPending, kQueued, kBusy, kFree, kUrl, kClose, kDestroy, kDispatch } = __nccwpck_require__(6443)
const PoolStats = __nccwpck_require__(3246)

const kClients = Symbol('clients')
const kNeedDrain = Symbol('needDrain')
const kQueue = Symbol('queue')
const kClosedResolve = Symbol('closed resolve')
const kOnDrain = Symbol('onDrain')
const kOnConnect = Symbol('onConnect')
const kOnDisconnect = Symbol('onDisconnect')
const kOnConnectionError = Symbol('onConnectionError')
const kGetDispatcher = Symbol('get dispatcher')
const kAddClient = Symbol('add client')
const kRemoveClient = Symbol('remove client')
const kStats = Symbol('stats')

class PoolBase extends DispatcherBase {
  constructor (opts) {
    super(opts)

    this[kQueue] = new FixedQueue()
    this[kClients] = []
    this[kQueued] = 0

    const pool = this

    this[kOnDrain] = function onDrain (origin, targets) {
      const queue = pool[kQueue]

      let needDrain = false

      while (!needDrain) {
        const item = queue.shift()
        if (!item) {
          break
        }
        pool[kQueued]--
        needDrain = !this.dispatch(item.opts, item.handler)
      }

      this[kNeedDrain] = needDrain

      if (!this[kNeedDrain] && pool[kNeedDrain]) {
        pool[kNeedDrain] = false
        pool.emit('drain', origin, [pool, ...targets])
      }

      if (pool[kClosedResolve] && queue.isEmpty()) {
        Promise
          .all(pool[kClients].map(c => c.close()))
          .then(pool[kClosedResolve])
      }
    }

    this[kOnConnect] = (origin, targets) => {
      pool.emit('connect', origin, [pool, ...targets])
    }

    this[kOnDisconnect] = (origin, targets, err) => {
      pool.emit('disconnect', origin, [pool, ...targets], err)
    }

    this[kOnConnectionError] = (origin, targets, err) => {
      pool.emit('connectionError', origin, [pool, ...targets], err)
    }

    this[kStats] = new PoolStats(this)
  }

  get [kBusy] () {
    return this[kNeedDrain]
  }

  get [kConnected] () {
    return this[kClients].filter(client => client[kConnected]).length
  }

  get [kFree] () {
    return this[kClients].filter(client => client[kConnected] && !client[kNeedDrain]).length
  }

  get [kPending] () {
    let ret = this[kQueued]
    for (const { [kPending]: pending } of this[kClients]) {
      ret += pending
    }
    return ret
  }

  get [kRunning] () {
    let ret = 0
    for (const { [kRunning]: running } of this[kClients]) {
      ret += running
    }
    return ret
  }

  get [kSize] () {
    let ret = this[kQueued]
    for (const { [kSize]: size } of this[kClients]) {
      ret += size
    }
    return ret
  }

  get stats () {
    return this[kStats]
  }

  async [kClose] () {
    if (this[kQueue].isEmpty()) {
      await Promise.all(this[kClients].map(c => c.close()))
    } else {
      await new Promise((resolve) => {
        this[kClosedResolve] = resolve
      })
    }
  }

  async [kDestroy] (err) {
    while (true) {
      const item = this[kQueue].shift()
      if (!item) {
        break
      }
      item.handler.onError(err)
    }

    await Promise.all(this[kClients].map(c => c.destroy(err)))
  }

  [kDispatch] (opts, handler) {
    const dispatcher = this[kGetDispatcher]()

    if (!dispatcher) {
      this[kNeedDrain] = true
      this[kQueue].push({ opts, handler })
      this[kQueued]++
    } else if (!dispatcher.dispatch(opts, handler)) {
      dispatcher[kNeedDrain] = true
      this[kNeedDrain] = !this[kGetDispatcher]()
    }

    return !this[kNeedDrain]
  }

  [kAddClient] (client) {
    client
      .on('drain', this[kOnDrain])
      .on('connect', this[kOnConnect])
      .on('disconnect', this[kOnDisconnect])
      .on('connectionError', this[kOnConnectionError])

    this[kClients].push(client)

    if (this[kNeedDrain]) {
      queueMicrotask(() => {
        if (this[kNeedDrain]) {
          this[kOnDrain](client[kUrl], [this, client])
        }
      })
    }

    return this
  }

  [kRemoveClient] (client) {
    client.close(() => {
      const idx = this[kClients].indexOf(client)
      if (idx !== -1) {
        this[kClients].splice(idx, 1)
      }
    })

    this[kNeedDrain] = this[kClients].some(dispatcher => (
      !dispatcher[kNeedDrain] &&
      dispatcher.closed !== true &&
      dispatcher.destroyed !== true
    ))
  }
}

module.exports = {
  PoolBase,
  kClients,
  kNeedDrain,
  kAddClient,
  kRemoveClient,
  kGetDispatcher
}


/***/ }),

/***/ 3246:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const { kFree, kConnected, kPending, kQueued, kRunning, kSize } = __nccwpck_require__(6443)
const kPool = Symbol('pool')

class PoolStats {
  constructor (pool) {
    this[kPool] = pool
  }

  get connected () {
    return this[kPool][kConnected]
  }

  get free () {
    return this[kPool][kFree]
  }

  get pending () {
    return this[kPool][kPending]
  }

  get queued () {
    return this[kPool][kQueued]
  }

  get running () {
    return this[kPool][kRunning]
  }

  get size () {
    return this[kPool][kSize]
  }
}

module.exports = PoolStats


/***/ }),

/***/ 628:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const {
  PoolBase,
  kClients,
  kNeedDrain,
  kAddClient,
  kGetDispatcher
} = __nccwpck_require__(2128)
const Client = __nccwpck_require__(3701)
const {
  InvalidArgumentError
} = __nccwpck_require__(8707)
const util = __nccwpck_require__(3440)
const { kUrl, kInterceptors } = __nccwpck_require__(6443)
const buildConnector = __nccwpck_require__(9136)

const kOptions = Symbol('options')
const kConnections = Symbol('connections')
const kFactory = Symbol('factory')

function defaultFactory (origin, opts) {
  return new Client(origin, opts)
}

class Pool extends PoolBase {
  constructor (origin, {
    connections,
    factory = defaultFactory,
    connect,
    connectTimeout,
    tls,
    maxCachedSessions,
    socketPath,
    autoSelectFamily,
    autoSelectFamilyAttemptTimeout,
    allowH2,
    ...options
  } = {}) {
    if (connections != null && (!Number.isFinite(connections) || connections < 0)) {
      throw new InvalidArgumentError('invalid connections')
    }

    if (typeof factory !== 'function') {
      throw new InvalidArgumentError('factory must be a function.')
    }

    if (connect != null && typeof connect !== 'function' && typeof connect !== 'object') {
      throw new InvalidArgumentError('connect must be a function or an object')
    }

    if (typeof connect !== 'function') {
      connect = buildConnector({
        ...tls,
        maxCachedSessions,
        allowH2,
        socketPath,
        timeout: connectTimeout,
        ...(autoSelectFamily ? { autoSelectFamily, autoSelectFamilyAttemptTimeout } : undefined),
        ...connect
      })
    }

    super(options)

    this[kInterceptors] = options.interceptors?.Pool && Array.isArray(options.interceptors.Pool)
      ? options.interceptors.Pool
      : []
    this[kConnections] = connections || null
    this[kUrl] = util.parseOrigin(origin)
    this[kOptions] = { ...util.deepClone(options), connect, allowH2 }
    this[kOptions].interceptors = options.interceptors
      ? { ...options.interceptors }
      : undefined
    this[kFactory] = factory

    this.on('connectionError', (origin, targets, error) => {
      // If a connection error occurs, we remove the client from the pool,
      // and emit a connectionError event. They will not be re-used.
      // Fixes https://github.com/nodejs/undici/issues/3895
      for (const target of targets) {
        // Do not use kRemoveClient here, as it will close the client,
        // but the client cannot be closed in this state.
        const idx = this[kClients].indexOf(target)
        if (idx !== -1) {
          this[kClients].splice(idx, 1)
        }
      }
    })
  }

  [kGetDispatcher] () {
    for (const client of this[kClients]) {
      if (!client[kNeedDrain]) {
        return client
      }
    }

    if (!this[kConnections] || this[kClients].length < this[kConnections]) {
      const dispatcher = this[kFactory](this[kUrl], this[kOptions])
      this[kAddClient](dispatcher)
      return dispatcher
    }
  }
}

module.exports = Pool


/***/ }),

/***/ 6672:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { kProxy, kClose, kDestroy, kDispatch, kInterceptors } = __nccwpck_require__(6443)
const { URL } = __nccwpck_require__(3136)
const Agent = __nccwpck_require__(7405)
const Pool = __nccwpck_require__(628)
const DispatcherBase = __nccwpck_require__(1841)
const { InvalidArgumentError, RequestAbortedError, SecureProxyConnectionError } = __nccwpck_require__(8707)
const buildConnector = __nccwpck_require__(9136)
const Client = __nccwpck_require__(3701)

const kAgent = Symbol('proxy agent')
const kClient = Symbol('proxy client')
const kProxyHeaders = Symbol('proxy headers')
const kRequestTls = Symbol('request tls settings')
const kProxyTls = Symbol('proxy tls settings')
const kConnectEndpoint = Symbol('connect endpoint function')
const kTunnelProxy = Symbol('tunnel proxy')

function defaultProtocolPort (protocol) {
  return protocol === 'https:' ? 443 : 80
}

function defaultFactory (origin, opts) {
  return new Pool(origin, opts)
}

const noop = () => {}

function defaultAgentFactory (origin, opts) {
  if (opts.connections === 1) {
    return new Client(origin, opts)
  }
  return new Pool(origin, opts)
}

class Http1ProxyWrapper extends DispatcherBase {
  #client

  constructor (proxyUrl, { headers = {}, connect, factory }) {
    super()
    if (!proxyUrl) {
      throw new InvalidArgumentError('Proxy URL is mandatory')
    }

    this[kProxyHeaders] = headers
    if (factory) {
      this.#client = factory(proxyUrl, { connect })
    } else {
      this.#client = new Client(proxyUrl, { connect })
    }
  }

  [kDispatch] (opts, handler) {
    const onHeaders = handler.onHeaders
    handler.onHeaders = function (statusCode, data, resume) {
      if (statusCode === 407) {
        if (typeof handler.onError === 'function') {
          handler.onError(new InvalidArgumentError('Proxy Authentication Required (407)'))
        }
        return
      }
      if (onHeaders) onHeaders.call(this, statusCode, data, resume)
    }

    // Rewrite request as an HTTP1 Proxy request, without tunneling.
    const {
      origin,
      path = '/',
      headers = {}
    } = opts

    opts.path = origin + path

    if (!('host' in headers) && !('Host' in headers)) {
      const { host } = new URL(origin)
      headers.host = host
    }
    opts.headers = { ...this[kProxyHeaders], ...headers }

    return this.#client[kDispatch](opts, handler)
  }

  async [kClose] () {
    return this.#client.close()
  }

  async [kDestroy] (err) {
    return this.#client.destroy(err)
  }
}

class ProxyAgent extends DispatcherBase {
  constructor (opts) {
    super()

    if (!opts || (typeof opts === 'object' && !(opts instanceof URL) && !opts.uri)) {
      throw new InvalidArgumentError('Proxy uri is mandatory')
    }

    const { clientFactory = defaultFactory } = opts
    if (typeof clientFactory !== 'function') {
      throw new InvalidArgumentError('Proxy opts.clientFactory must be a function.')
    }

    const { proxyTunnel = true } = opts

    const url = this.#getUrl(opts)
    const { href, origin, port, protocol, username, password, hostname: proxyHostname } = url

    this[kProxy] = { uri: href, protocol }
    this[kInterceptors] = opts.interceptors?.ProxyAgent && Array.isArray(opts.interceptors.ProxyAgent)
      ? opts.interceptors.ProxyAgent
      : []
    this[kRequestTls] = opts.requestTls
    this[kProxyTls] = opts.proxyTls
    this[kProxyHeaders] = opts.headers || {}
    this[kTunnelProxy] = proxyTunnel

    if (opts.auth && opts.token) {
      throw new InvalidArgumentError('opts.auth cannot be used in combination with opts.token')
    } else if (opts.auth) {
      /* @deprecated in favour of opts.token */
      this[kProxyHeaders]['proxy-authorization'] = `Basic ${opts.auth}`
    } else if (opts.token) {
      this[kProxyHeaders]['proxy-authorization'] = opts.token
    } else if (username && password) {
      this[kProxyHeaders]['proxy-authorization'] = `Basic ${Buffer.from(`${decodeURIComponent(username)}:${decodeURIComponent(password)}`).toString('base64')}`
    }

    const connect = buildConnector({ ...opts.proxyTls })
    this[kConnectEndpoint] = buildConnector({ ...opts.requestTls })

    const agentFactory = opts.factory || defaultAgentFactory
    const factory = (origin, options) => {
      const { protocol } = new URL(origin)
      if (!this[kTunnelProxy] && protocol === 'http:' && this[kProxy].protocol === 'http:') {
        return new Http1ProxyWrapper(this[kProxy].uri, {
          headers: this[kProxyHeaders],
          connect,
          factory: agentFactory
        })
      }
      return agentFactory(origin, options)
    }
    this[kClient] = clientFactory(url, { connect })
    this[kAgent] = new Agent({
      ...opts,
      factory,
      connect: async (opts, callback) => {
        let requestedPath = opts.host
        if (!opts.port) {
          requestedPath += `:${defaultProtocolPort(opts.protocol)}`
        }
        try {
          const { socket, statusCode } = await this[kClient].connect({
            origin,
            port,
            path: requestedPath,
            signal: opts.signal,
            headers: {
              ...this[kProxyHeaders],
              host: opts.host
            },
            servername: this[kProxyTls]?.servername || proxyHostname
          })
          if (statusCode !== 200) {
            socket.on('error', noop).destroy()
            callback(new RequestAbortedError(`Proxy response (${statusCode}) !== 200 when HTTP Tunneling`))
          }
          if (opts.protocol !== 'https:') {
            callback(null, socket)
            return
          }
          let servername
          if (this[kRequestTls]) {
            servername = this[kRequestTls].servername
          } else {
            servername = opts.servername
          }
          this[kConnectEndpoint]({ ...opts, servername, httpSocket: socket }, callback)
        } catch (err) {
          if (err.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
            // Throw a custom error to avoid loop in client.js#connect
            callback(new SecureProxyConnectionError(err))
          } else {
            callback(err)
          }
        }
      }
    })
  }

  dispatch (opts, handler) {
    const headers = buildHeaders(opts.headers)
    throwIfProxyAuthIsSent(headers)

    if (headers && !('host' in headers) && !('Host' in headers)) {
      const { host } = new URL(opts.origin)
      headers.host = host
    }

    return this[kAgent].dispatch(
      {
        ...opts,
        headers
      },
      handler
    )
  }

  /**
   * @param {import('../types/proxy-agent').ProxyAgent.Options | string | URL} opts
   * @returns {URL}
   */
  #getUrl (opts) {
    if (typeof opts === 'string') {
      return new URL(opts)
    } else if (opts instanceof URL) {
      return opts
    } else {
      return new URL(opts.uri)
    }
  }

  async [kClose] () {
    await this[kAgent].close()
    await this[kClient].close()
  }

  async [kDestroy] () {
    await this[kAgent].destroy()
    await this[kClient].destroy()
  }
}

/**
 * @param {string[] | Record<string, string>} headers
 * @returns {Record<string, string>}
 */
function buildHeaders (headers) {
  // When using undici.fetch, the headers list is stored
  // as an array.
  if (Array.isArray(headers)) {
    /** @type {Record<string, string>} */
    const headersPair = {}

    for (let i = 0; i < headers.length; i += 2) {
      headersPair[headers[i]] = headers[i + 1]
    }

    return headersPair
  }

  return headers
}

/**
 * @param {Record<string, string>} headers
 *
 * Previous versions of ProxyAgent suggests the Proxy-Authorization in request headers
 * Nevertheless, it was changed and to avoid a security vulnerability by end users
 * this check was created.
 * It should be removed in the next major version for performance reasons
 */
function throwIfProxyAuthIsSent (headers) {
  const existProxyAuth = headers && Object.keys(headers)
    .find((key) => key.toLowerCase() === 'proxy-authorization')
  if (existProxyAuth) {
    throw new InvalidArgumentError('Proxy-Authorization should be sent in ProxyAgent constructor')
  }
}

module.exports = ProxyAgent


/***/ }),

/***/ 8754:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const util = __nccwpck_require__(3440)
const { kBodyUsed } = __nccwpck_require__(6443)
const assert = __nccwpck_require__(4589)
const { InvalidArgumentError } = __nccwpck_require__(8707)
const EE = __nccwpck_require__(8474)

const redirectableStatusCodes = [300, 301, 302, 303, 307, 308]

const kBody = Symbol('body')

class BodyAsyncIterable {
  constructor (body) {
    this[kBody] = body
    this[kBodyUsed] = false
  }

  async * [Symbol.asyncIterator] () {
    assert(!this[kBodyUsed], 'disturbed')
    this[kBodyUsed] = true
    yield * this[kBody]
  }
}

class RedirectHandler {
  constructor (dispatch, maxRedirections, opts, handler) {
    if (maxRedirections != null && (!Number.isInteger(maxRedirections) || maxRedirections < 0)) {
      throw new InvalidArgumentError('maxRedirections must be a positive number')
    }

    util.validateHandler(handler, opts.method, opts.upgrade)

    this.dispatch = dispatch
    this.location = null
    this.abort = null
    this.opts = { ...opts, maxRedirections: 0 } // opts must be a copy
    this.maxRedirections = maxRedirections
    this.handler = handler
    this.history = []
    this.redirectionLimitReached = false

    if (util.isStream(this.opts.body)) {
      // TODO (fix): Provide some way for the user to cache the file to e.g. /tmp
      // so that it can be dispatched again?
      // TODO (fix): Do we need 100-expect support to provide a way to do this properly?
      if (util.bodyLength(this.opts.body) === 0) {
        this.opts.body
          .on('data', function () {
            assert(false)
          })
      }

      if (typeof this.opts.body.readableDidRead !== 'boolean') {
        this.opts.body[kBodyUsed] = false
        EE.prototype.on.call(this.opts.body, 'data', function () {
          this[kBodyUsed] = true
        })
      }
    } else if (this.opts.body && typeof this.opts.body.pipeTo === 'function') {
      // TODO (fix): We can't access ReadableStream internal state
      // to determine whether or not it has been disturbed. This is just
      // a workaround.
      this.opts.body = new BodyAsyncIterable(this.opts.body)
    } else if (
      this.opts.body &&
      typeof this.opts.body !== 'string' &&
      !ArrayBuffer.isView(this.opts.body) &&
      util.isIterable(this.opts.body)
    ) {
      // TODO: Should we allow re-using iterable if !this.opts.idempotent
      // or through some other flag?
      this.opts.body = new BodyAsyncIterable(this.opts.body)
    }
  }

  onConnect (abort) {
    this.abort = abort
    this.handler.onConnect(abort, { history: this.history })
  }

  onUpgrade (statusCode, headers, socket) {
    this.handler.onUpgrade(statusCode, headers, socket)
  }

  onError (error) {
    this.handler.onError(error)
  }

  onHeaders (statusCode, headers, resume, statusText) {
    this.location = this.history.length >= this.maxRedirections || util.isDisturbed(this.opts.body)
      ? null
      : parseLocation(statusCode, headers)

    if (this.opts.throwOnMaxRedirect && this.history.length >= this.maxRedirections) {
      if (this.request) {
        this.request.abort(new Error('max redirects'))
      }

      this.redirectionLimitReached = true
      this.abort(new Error('max redirects'))
      return
    }

    if (this.opts.origin) {
      this.history.push(new URL(this.opts.path, this.opts.origin))
    }

    if (!this.location) {
      return this.handler.onHeaders(statusCode, headers, resume, statusText)
    }

    const { origin, pathname, search } = util.parseURL(new URL(this.location, this.opts.origin && new URL(this.opts.path, this.opts.origin)))
    const path = search ? `${pathname}${search}` : pathname

    // Remove headers referring to the original URL.
    // By default it is Host only, unless it's a 303 (see below), which removes also all Content-* headers.
    // https://tools.ietf.org/html/rfc7231#section-6.4
    this.opts.headers = cleanRequestHeaders(this.opts.headers, statusCode === 303, this.opts.origin !== origin)
    this.opts.path = path
    this.opts.origin = origin
    this.opts.maxRedirections = 0
    this.opts.query = null

    // https://tools.ietf.org/html/rfc7231#section-6.4.4
    // In case of HTTP 303, always replace method to be either HEAD or GET
    if (statusCode === 303 && this.opts.method !== 'HEAD') {
      this.opts.method = 'GET'
      this.opts.body = null
    }
  }

  onData (chunk) {
    if (this.location) {
      /*
        https://tools.ietf.org/html/rfc7231#section-6.4

        TLDR: undici always ignores 3xx response bodies.

        Redirection is used to serve the requested resource from another URL, so it is assumes that
        no body is generated (and thus can be ignored). Even though generating a body is not prohibited.

        For status 301, 302, 303, 307 and 308 (the latter from RFC 7238), the specs mention that the body usually
        (which means it's optional and not mandated) contain just an hyperlink to the value of
        the Location response header, so the body can be ignored safely.

        For status 300, which is "Multiple Choices", the spec mentions both generating a Location
        response header AND a response body with the other possible location to follow.
        Since the spec explicitly chooses not to specify a format for such body and leave it to
        servers and browsers implementors, we ignore the body as there is no specified way to eventually parse it.
      */
    } else {
      return this.handler.onData(chunk)
    }
  }

  onComplete (trailers) {
    if (this.location) {
      /*
        https://tools.ietf.org/html/rfc7231#section-6.4

        TLDR: undici always ignores 3xx response trailers as they are not expected in case of redirections
        and neither are useful if present.

        See comment on onData method above for more detailed information.
      */

      this.location = null
      this.abort = null

      this.dispatch(this.opts, this)
    } else {
      this.handler.onComplete(trailers)
    }
  }

  onBodySent (chunk) {
    if (this.handler.onBodySent) {
      this.handler.onBodySent(chunk)
    }
  }
}

function parseLocation (statusCode, headers) {
  if (redirectableStatusCodes.indexOf(statusCode) === -1) {
    return null
  }

  for (let i = 0; i < headers.length; i += 2) {
    if (headers[i].length === 8 && util.headerNameToString(headers[i]) === 'location') {
      return headers[i + 1]
    }
  }
}

// https://tools.ietf.org/html/rfc7231#section-6.4.4
function shouldRemoveHeader (header, removeContent, unknownOrigin) {
  if (header.length === 4) {
    return util.headerNameToString(header) === 'host'
  }
  if (removeContent && util.headerNameToString(header).startsWith('content-')) {
    return true
  }
  if (unknownOrigin && (header.length === 13 || header.length === 6 || header.length === 19)) {
    const name = util.headerNameToString(header)
    return name === 'authorization' || name === 'cookie' || name === 'proxy-authorization'
  }
  return false
}

// https://tools.ietf.org/html/rfc7231#section-6.4
function cleanRequestHeaders (headers, removeContent, unknownOrigin) {
  const ret = []
  if (Array.isArray(headers)) {
    for (let i = 0; i < headers.length; i += 2) {
      if (!shouldRemoveHeader(headers[i], removeContent, unknownOrigin)) {
        ret.push(headers[i], headers[i + 1])
      }
    }
  } else if (headers && typeof headers === 'object') {
    for (const key of Object.keys(headers)) {
      if (!shouldRemoveHeader(key, removeContent, unknownOrigin)) {
        ret.push(key, headers[key])
      }
    }
  } else {
    assert(headers == null, 'headers must be an object or an array')
  }
  return ret
}

module.exports = RedirectHandler


/***/ }),

/***/ 5092:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const RedirectHandler = __nccwpck_require__(8754)

function createRedirectInterceptor ({ maxRedirections: defaultMaxRedirections }) {
  return (dispatch) => {
    return function Intercept (opts, handler) {
      const { maxRedirections = defaultMaxRedirections } = opts

      if (!maxRedirections) {
        return dispatch(opts, handler)
      }

      const redirectHandler = new RedirectHandler(dispatch, maxRedirections, opts, handler)
      opts = { ...opts, maxRedirections: 0 } // Stop sub dispatcher from also redirecting.
      return dispatch(opts, redirectHandler)
    }
  }
}

module.exports = createRedirectInterceptor


/***/ }),

/***/ 2824:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.SPECIAL_HEADERS = exports.HEADER_STATE = exports.MINOR = exports.MAJOR = exports.CONNECTION_TOKEN_CHARS = exports.HEADER_CHARS = exports.TOKEN = exports.STRICT_TOKEN = exports.HEX = exports.URL_CHAR = exports.STRICT_URL_CHAR = exports.USERINFO_CHARS = exports.MARK = exports.ALPHANUM = exports.NUM = exports.HEX_MAP = exports.NUM_MAP = exports.ALPHA = exports.FINISH = exports.H_METHOD_MAP = exports.METHOD_MAP = exports.METHODS_RTSP = exports.METHODS_ICE = exports.METHODS_HTTP = exports.METHODS = exports.LENIENT_FLAGS = exports.FLAGS = exports.TYPE = exports.ERROR = void 0;
const utils_1 = __nccwpck_require__(172);
// C headers
var ERROR;
(function (ERROR) {
    ERROR[ERROR["OK"] = 0] = "OK";
    ERROR[ERROR["INTERNAL"] = 1] = "INTERNAL";
    ERROR[ERROR["STRICT"] = 2] = "STRICT";
    ERROR[ERROR["LF_EXPECTED"] = 3] = "LF_EXPECTED";
    ERROR[ERROR["UNEXPECTED_CONTENT_LENGTH"] = 4] = "UNEXPECTED_CONTENT_LENGTH";
    ERROR[ERROR["CLOSED_CONNECTION"] = 5] = "CLOSED_CONNECTION";
    ERROR[ERROR["INVALID_METHOD"] = 6] = "INVALID_METHOD";
    ERROR[ERROR["INVALID_URL"] = 7] = "INVALID_URL";
    ERROR[ERROR["INVALID_CONSTANT"] = 8] = "INVALID_CONSTANT";
    ERROR[ERROR["INVALID_VERSION"] = 9] = "INVALID_VERSION";
    ERROR[ERROR["INVALID_HEADER_TOKEN"] = 10] = "INVALID_HEADER_TOKEN";
    ERROR[ERROR["INVALID_CONTENT_LENGTH"] = 11] = "INVALID_CONTENT_LENGTH";
    ERROR[ERROR["INVALID_CHUNK_SIZE"] = 12] = "INVALID_CHUNK_SIZE";
    ERROR[ERROR["INVALID_STATUS"] = 13] = "INVALID_STATUS";
    ERROR[ERROR["INVALID_EOF_STATE"] = 14] = "INVALID_EOF_STATE";
    ERROR[ERROR["INVALID_TRANSFER_ENCODING"] = 15] = "INVALID_TRANSFER_ENCODING";
    ERROR[ERROR["CB_MESSAGE_BEGIN"] = 16] = "CB_MESSAGE_BEGIN";
    ERROR[ERROR["CB_HEADERS_COMPLETE"] = 17] = "CB_HEADERS_COMPLETE";
    ERROR[ERROR["CB_MESSAGE_COMPLETE"] = 18] = "CB_MESSAGE_COMPLETE";
    ERROR[ERROR["CB_CHUNK_HEADER"] = 19] = "CB_CHUNK_HEADER";
    ERROR[ERROR["CB_CHUNK_COMPLETE"] = 20] = "CB_CHUNK_COMPLETE";
    ERROR[ERROR["PAUSED"] = 21] = "PAUSED";
    ERROR[ERROR["PAUSED_UPGRADE"] = 22] = "PAUSED_UPGRADE";
    ERROR[ERROR["PAUSED_H2_UPGRADE"] = 23] = "PAUSED_H2_UPGRADE";
    ERROR[ERROR["USER"] = 24] = "USER";
})(ERROR = exports.ERROR || (exports.ERROR = {}));
var TYPE;
(function (TYPE) {
    TYPE[TYPE["BOTH"] = 0] = "BOTH";
    TYPE[TYPE["REQUEST"] = 1] = "REQUEST";
    TYPE[TYPE["RESPONSE"] = 2] = "RESPONSE";
})(TYPE = exports.TYPE || (exports.TYPE = {}));
var FLAGS;
(function (FLAGS) {
    FLAGS[FLAGS["CONNECTION_KEEP_ALIVE"] = 1] = "CONNECTION_KEEP_ALIVE";
    FLAGS[FLAGS["CONNECTION_CLOSE"] = 2] = "CONNECTION_CLOSE";
    FLAGS[FLAGS["CONNECTION_UPGRADE"] = 4] = "CONNECTION_UPGRADE";
    FLAGS[FLAGS["CHUNKED"] = 8] = "CHUNKED";
    FLAGS[FLAGS["UPGRADE"] = 16] = "UPGRADE";
    FLAGS[FLAGS["CONTENT_LENGTH"] = 32] = "CONTENT_LENGTH";
    FLAGS[FLAGS["SKIPBODY"] = 64] = "SKIPBODY";
    FLAGS[FLAGS["TRAILING"] = 128] = "TRAILING";
    // 1 << 8 is unused
    FLAGS[FLAGS["TRANSFER_ENCODING"] = 512] = "TRANSFER_ENCODING";
})(FLAGS = exports.FLAGS || (exports.FLAGS = {}));
var LENIENT_FLAGS;
(function (LENIENT_FLAGS) {
    LENIENT_FLAGS[LENIENT_FLAGS["HEADERS"] = 1] = "HEADERS";
    LENIENT_FLAGS[LENIENT_FLAGS["CHUNKED_LENGTH"] = 2] = "CHUNKED_LENGTH";
    LENIENT_FLAGS[LENIENT_FLAGS["KEEP_ALIVE"] = 4] = "KEEP_ALIVE";
})(LENIENT_FLAGS = exports.LENIENT_FLAGS || (exports.LENIENT_FLAGS = {}));
var METHODS;
(function (METHODS) {
    METHODS[METHODS["DELETE"] = 0] = "DELETE";
    METHODS[METHODS["GET"] = 1] = "GET";
    METHODS[METHODS["HEAD"] = 2] = "HEAD";
    METHODS[METHODS["POST"] = 3] = "POST";
    METHODS[METHODS["PUT"] = 4] = "PUT";
    /* pathological */
    METHODS[METHODS["CONNECT"] = 5] = "CONNECT";
    METHODS[METHODS["OPTIONS"] = 6] = "OPTIONS";
    METHODS[METHODS["TRACE"] = 7] = "TRACE";
    /* WebDAV */
    METHODS[METHODS["COPY"] = 8] = "COPY";
    METHODS[METHODS["LOCK"] = 9] = "LOCK";
    METHODS[METHODS["MKCOL"] = 10] = "MKCOL";
    METHODS[METHODS["MOVE"] = 11] = "MOVE";
    METHODS[METHODS["PROPFIND"] = 12] = "PROPFIND";
    METHODS[METHODS["PROPPATCH"] = 13] = "PROPPATCH";
    METHODS[METHODS["SEARCH"] = 14] = "SEARCH";
    METHODS[METHODS["UNLOCK"] = 15] = "UNLOCK";
    METHODS[METHODS["BIND"] = 16] = "BIND";
    METHODS[METHODS["REBIND"] = 17] = "REBIND";
    METHODS[METHODS["UNBIND"] = 18] = "UNBIND";
    METHODS[METHODS["ACL"] = 19] = "ACL";
    /* subversion */
    METHODS[METHODS["REPORT"] = 20] = "REPORT";
    METHODS[METHODS["MKACTIVITY"] = 21] = "MKACTIVITY";
    METHODS[METHODS["CHECKOUT"] = 22] = "CHECKOUT";
    METHODS[METHODS["MERGE"] = 23] = "MERGE";
    /* upnp */
    METHODS[METHODS["M-SEARCH"] = 24] = "M-SEARCH";
    METHODS[METHODS["NOTIFY"] = 25] = "NOTIFY";
    METHODS[METHODS["SUBSCRIBE"] = 26] = "SUBSCRIBE";
    METHODS[METHODS["UNSUBSCRIBE"] = 27] = "UNSUBSCRIBE";
    /* RFC-5789 */
    METHODS[METHODS["PATCH"] = 28] = "PATCH";
    METHODS[METHODS["PURGE"] = 29] = "PURGE";
    /* CalDAV */
    METHODS[METHODS["MKCALENDAR"] = 30] = "MKCALENDAR";
    /* RFC-2068, section 19.6.1.2 */
    METHODS[METHODS["LINK"] = 31] = "LINK";
    METHODS[METHODS["UNLINK"] = 32] = "UNLINK";
    /* icecast */
    METHODS[METHODS["SOURCE"] = 33] = "SOURCE";
    /* RFC-7540, section 11.6 */
    METHODS[METHODS["PRI"] = 34] = "PRI";
    /* RFC-2326 RTSP */
    METHODS[METHODS["DESCRIBE"] = 35] = "DESCRIBE";
    METHODS[METHODS["ANNOUNCE"] = 36] = "ANNOUNCE";
    METHODS[METHODS["SETUP"] = 37] = "SETUP";
    METHODS[METHODS["PLAY"] = 38] = "PLAY";
    METHODS[METHODS["PAUSE"] = 39] = "PAUSE";
    METHODS[METHODS["TEARDOWN"] = 40] = "TEARDOWN";
    METHODS[METHODS["GET_PARAMETER"] = 41] = "GET_PARAMETER";
    METHODS[METHODS["SET_PARAMETER"] = 42] = "SET_PARAMETER";
    METHODS[METHODS["REDIRECT"] = 43] = "REDIRECT";
    METHODS[METHODS["RECORD"] = 44] = "RECORD";
    /* RAOP */
    METHODS[METHODS["FLUSH"] = 45] = "FLUSH";
})(METHODS = exports.METHODS || (exports.METHODS = {}));
exports.METHODS_HTTP = [
    METHODS.DELETE,
    METHODS.GET,
    METHODS.HEAD,
    METHODS.POST,
    METHODS.PUT,
    METHODS.CONNECT,
    METHODS.OPTIONS,
    METHODS.TRACE,
    METHODS.COPY,
    METHODS.LOCK,
    METHODS.MKCOL,
    METHODS.MOVE,
    METHODS.PROPFIND,
    METHODS.PROPPATCH,
    METHODS.SEARCH,
    METHODS.UNLOCK,
    METHODS.BIND,
    METHODS.REBIND,
    METHODS.UNBIND,
    METHODS.ACL,
    METHODS.REPORT,
    METHODS.MKACTIVITY,
    METHODS.CHECKOUT,
    METHODS.MERGE,
    METHODS['M-SEARCH'],
    METHODS.NOTIFY,
    METHODS.SUBSCRIBE,
    METHODS.UNSUBSCRIBE,
    METHODS.PATCH,
    METHODS.PURGE,
    METHODS.MKCALENDAR,
    METHODS.LINK,
    METHODS.UNLINK,
    METHODS.PRI,
    // TODO(indutny): should we allow it with HTTP?
    METHODS.SOURCE,
];
exports.METHODS_ICE = [
    METHODS.SOURCE,
];
exports.METHODS_RTSP = [
    METHODS.OPTIONS,
    METHODS.DESCRIBE,
    METHODS.ANNOUNCE,
    METHODS.SETUP,
    METHODS.PLAY,
    METHODS.PAUSE,
    METHODS.TEARDOWN,
    METHODS.GET_PARAMETER,
    METHODS.SET_PARAMETER,
    METHODS.REDIRECT,
    METHODS.RECORD,
    METHODS.FLUSH,
    // For AirPlay
    METHODS.GET,
    METHODS.POST,
];
exports.METHOD_MAP = utils_1.enumToMap(METHODS);
exports.H_METHOD_MAP = {};
Object.keys(exports.METHOD_MAP).forEach((key) => {
    if (/^H/.test(key)) {
        exports.H_METHOD_MAP[key] = exports.METHOD_MAP[key];
    }
});
var FINISH;
(function (FINISH) {
    FINISH[FINISH["SAFE"] = 0] = "SAFE";
    FINISH[FINISH["SAFE_WITH_CB"] = 1] = "SAFE_WITH_CB";
    FINISH[FINISH["UNSAFE"] = 2] = "UNSAFE";
})(FINISH = exports.FINISH || (exports.FINISH = {}));
exports.ALPHA = [];
for (let i = 'A'.charCodeAt(0); i <= 'Z'.charCodeAt(0); i++) {
    // Upper case
    exports.ALPHA.push(String.fromCharCode(i));
    // Lower case
    exports.ALPHA.push(String.fromCharCode(i + 0x20));
}
exports.NUM_MAP = {
    0: 0, 1: 1, 2: 2, 3: 3, 4: 4,
    5: 5, 6: 6, 7: 7, 8: 8, 9: 9,
};
exports.HEX_MAP = {
    0: 0, 1: 1, 2: 2, 3: 3, 4: 4,
    5: 5, 6: 6, 7: 7, 8: 8, 9: 9,
    A: 0XA, B: 0XB, C: 0XC, D: 0XD, E: 0XE, F: 0XF,
    a: 0xa, b: 0xb, c: 0xc, d: 0xd, e: 0xe, f: 0xf,
};
exports.NUM = [
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
];
exports.ALPHANUM = exports.ALPHA.concat(exports.NUM);
exports.MARK = ['-', '_', '.', '!', '~', '*', '\'', '(', ')'];
exports.USERINFO_CHARS = exports.ALPHANUM
    .concat(exports.MARK)
    .concat(['%', ';', ':', '&', '=', '+', '$', ',']);
// TODO(indutny): use RFC
exports.STRICT_URL_CHAR = [
    '!', '"', '$', '%', '&', '\'',
    '(', ')', '*', '+', ',', '-', '.', '/',
    ':', ';', '<', '=', '>',
    '@', '[', '\\', ']', '^', '_',
    '`',
    '{', '|', '}', '~',
].concat(exports.ALPHANUM);
exports.URL_CHAR = exports.STRICT_URL_CHAR
    .concat(['\t', '\f']);
// All characters with 0x80 bit set to 1
for (let i = 0x80; i <= 0xff; i++) {
    exports.URL_CHAR.push(i);
}
exports.HEX = exports.NUM.concat(['a', 'b', 'c', 'd', 'e', 'f', 'A', 'B', 'C', 'D', 'E', 'F']);
/* Tokens as defined by rfc 2616. Also lowercases them.
 *        token       = 1*<any CHAR except CTLs or separators>
 *     separators     = "(" | ")" | "<" | ">" | "@"
 *                    | "," | ";" | ":" | "\" | <">
 *                    | "/" | "[" | "]" | "?" | "="
 *                    | "{" | "}" | SP | HT
 */
exports.STRICT_TOKEN = [
    '!', '#', '$', '%', '&', '\'',
    '*', '+', '-', '.',
    '^', '_', '`',
    '|', '~',
].concat(exports.ALPHANUM);
exports.TOKEN = exports.STRICT_TOKEN.concat([' ']);
/*
 * Verify that a char is a valid visible (printable) US-ASCII
 * character or %x80-FF
 */
exports.HEADER_CHARS = ['\t'];
for (let i = 32; i <= 255; i++) {
    if (i !== 127) {
        exports.HEADER_CHARS.push(i);
    }
}
// ',' = \x44
exports.CONNECTION_TOKEN_CHARS = exports.HEADER_CHARS.filter((c) => c !== 44);
exports.MAJOR = exports.NUM_MAP;
exports.MINOR = exports.MAJOR;
var HEADER_STATE;
(function (HEADER_STATE) {
    HEADER_STATE[HEADER_STATE["GENERAL"] = 0] = "GENERAL";
    HEADER_STATE[HEADER_STATE["CONNECTION"] = 1] = "CONNECTION";
    HEADER_STATE[HEADER_STATE["CONTENT_LENGTH"] = 2] = "CONTENT_LENGTH";
    HEADER_STATE[HEADER_STATE["TRANSFER_ENCODING"] = 3] = "TRANSFER_ENCODING";
    HEADER_STATE[HEADER_STATE["UPGRADE"] = 4] = "UPGRADE";
    HEADER_STATE[HEADER_STATE["CONNECTION_KEEP_ALIVE"] = 5] = "CONNECTION_KEEP_ALIVE";
    HEADER_STATE[HEADER_STATE["CONNECTION_CLOSE"] = 6] = "CONNECTION_CLOSE";
    HEADER_STATE[HEADER_STATE["CONNECTION_UPGRADE"] = 7] = "CONNECTION_UPGRADE";
    HEADER_STATE[HEADER_STATE["TRANSFER_ENCODING_CHUNKED"] = 8] = "TRANSFER_ENCODING_CHUNKED";
})(HEADER_STATE = exports.HEADER_STATE || (exports.HEADER_STATE = {}));
exports.SPECIAL_HEADERS = {
    'connection': HEADER_STATE.CONNECTION,
    'content-length': HEADER_STATE.CONTENT_LENGTH,
    'proxy-connection': HEADER_STATE.CONNECTION,
    'transfer-encoding': HEADER_STATE.TRANSFER_ENCODING,
    'upgrade': HEADER_STATE.UPGRADE,
};
//# sourceMappingURL=constants.js.map

/***/ }),

/***/ 3870:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { Buffer } = __nccwpck_require__(4573)

module.exports = Buffer.from('AGFzbQEAAAABJwdgAX8Bf2ADf39/AX9gAX8AYAJ/fwBgBH9/f38Bf2AAAGADf39/AALLAQgDZW52GHdhc21fb25faGVhZGVyc19jb21wbGV0ZQAEA2VudhV3YXNtX29uX21lc3NhZ2VfYmVnaW4AAANlbnYLd2FzbV9vbl91cmwAAQNlbnYOd2FzbV9vbl9zdGF0dXMAAQNlbnYUd2FzbV9vbl9oZWFkZXJfZmllbGQAAQNlbnYUd2FzbV9vbl9oZWFkZXJfdmFsdWUAAQNlbnYMd2FzbV9vbl9ib2R5AAEDZW52GHdhc21fb25fbWVzc2FnZV9jb21wbGV0ZQAAAy0sBQYAAAIAAAAAAAACAQIAAgICAAADAAAAAAMDAwMBAQEBAQEBAQEAAAIAAAAEBQFwARISBQMBAAIGCAF/AUGA1AQLB9EFIgZtZW1vcnkCAAtfaW5pdGlhbGl6ZQAIGV9faW5kaXJlY3RfZnVuY3Rpb25fdGFibGUBAAtsbGh0dHBfaW5pdAAJGGxsaHR0cF9zaG91bGRfa2VlcF9hbGl2ZQAvDGxsaHR0cF9hbGxvYwALBm1hbGxvYwAxC2xsaHR0cF9mcmVlAAwEZnJlZQAMD2xsaHR0cF9nZXRfdHlwZQANFWxsaHR0cF9nZXRfaHR0cF9tYWpvcgAOFWxsaHR0cF9nZXRfaHR0cF9taW5vcgAPEWxsaHR0cF9nZXRfbWV0aG9kABAWbGxodHRwX2dldF9zdGF0dXNfY29kZQAREmxsaHR0cF9nZXRfdXBncmFkZQASDGxsaHR0cF9yZXNldAATDmxsaHR0cF9leGVjdXRlABQUbGxodHRwX3NldHRpbmdzX2luaXQAFQ1sbGh0dHBfZmluaXNoABYMbGxodHRwX3BhdXNlABcNbGxodHRwX3Jlc3VtZQAYG2xsaHR0cF9yZXN1bWVfYWZ0ZXJfdXBncmFkZQAZEGxsaHR0cF9nZXRfZXJybm8AGhdsbGh0dHBfZ2V0X2Vycm9yX3JlYXNvbgAbF2xsaHR0cF9zZXRfZXJyb3JfcmVhc29uABwUbGxodHRwX2dldF9lcnJvcl9wb3MAHRFsbGh0dHBfZXJybm9fbmFtZQAeEmxsaHR0cF9tZXRob2RfbmFtZQAfEmxsaHR0cF9zdGF0dXNfbmFtZQAgGmxsaHR0cF9zZXRfbGVuaWVudF9oZWFkZXJzACEhbGxodHRwX3NldF9sZW5pZW50X2NodW5rZWRfbGVuZ3RoACIdbGxodHRwX3NldF9sZW5pZW50X2tlZXBfYWxpdmUAIyRsbGh0dHBfc2V0X2xlbmllbnRfdHJhbnNmZXJfZW5jb2RpbmcAJBhsbGh0dHBfbWVzc2FnZV9uZWVkc19lb2YALgkXAQBBAQsRAQIDBAUKBgcrLSwqKSglJyYK07MCLBYAQYjQACgCAARAAAtBiNAAQQE2AgALFAAgABAwIAAgAjYCOCAAIAE6ACgLFAAgACAALwEyIAAtAC4gABAvEAALHgEBf0HAABAyIgEQMCABQYAINgI4IAEgADoAKCABC48MAQd/AkAgAEUNACAAQQhrIgEgAEEEaygCACIAQXhxIgRqIQUCQCAAQQFxDQAgAEEDcUUNASABIAEoAgAiAGsiAUGc0AAoAgBJDQEgACAEaiEEAkACQEGg0AAoAgAgAUcEQCAAQf8BTQRAIABBA3YhAyABKAIIIgAgASgCDCICRgRAQYzQAEGM0AAoAgBBfiADd3E2AgAMBQsgAiAANgIIIAAgAjYCDAwECyABKAIYIQYgASABKAIMIgBHBEAgACABKAIIIgI2AgggAiAANgIMDAMLIAFBFGoiAygCACICRQRAIAEoAhAiAkUNAiABQRBqIQMLA0AgAyEHIAIiAEEUaiIDKAIAIgINACAAQRBqIQMgACgCECICDQALIAdBADYCAAwCCyAFKAIEIgBBA3FBA0cNAiAFIABBfnE2AgRBlNAAIAQ2AgAgBSAENgIAIAEgBEEBcjYCBAwDC0EAIQALIAZFDQACQCABKAIcIgJBAnRBvNIAaiIDKAIAIAFGBEAgAyAANgIAIAANAUGQ0ABBkNAAKAIAQX4gAndxNgIADAILIAZBEEEUIAYoAhAgAUYbaiAANgIAIABFDQELIAAgBjYCGCABKAIQIgIEQCAAIAI2AhAgAiAANgIYCyABQRRqKAIAIgJFDQAgAEEUaiACNgIAIAIgADYCGAsgASAFTw0AIAUoAgQiAEEBcUUNAAJAAkACQAJAIABBAnFFBEBBpNAAKAIAIAVGBEBBpNAAIAE2AgBBmNAAQZjQACgCACAEaiIANgIAIAEgAEEBcjYCBCABQaDQACgCAEcNBkGU0ABBADYCAEGg0ABBADYCAAwGC0Gg0AAoAgAgBUYEQEGg0AAgATYCAEGU0ABBlNAAKAIAIARqIgA2AgAgASAAQQFyNgIEIAAgAWogADYCAAwGCyAAQXhxIARqIQQgAEH/AU0EQCAAQQN2IQMgBSgCCCIAIAUoAgwiAkYEQEGM0ABBjNAAKAIAQX4gA3dxNgIADAULIAIgADYCCCAAIAI2AgwMBAsgBSgCGCEGIAUgBSgCDCIARwRAQZzQACgCABogACAFKAIIIgI2AgggAiAANgIMDAMLIAVBFGoiAygCACICRQRAIAUoAhAiAkUNAiAFQRBqIQMLA0AgAyEHIAIiAEEUaiIDKAIAIgINACAAQRBqIQMgACgCECICDQALIAdBADYCAAwCCyAFIABBfnE2AgQgASAEaiAENgIAIAEgBEEBcjYCBAwDC0EAIQALIAZFDQACQCAFKAIcIgJBAnRBvNIAaiIDKAIAIAVGBEAgAyAANgIAIAANAUGQ0ABBkNAAKAIAQX4gAndxNgIADAILIAZBEEEUIAYoAhAgBUYbaiAANgIAIABFDQELIAAgBjYCGCAFKAIQIgIEQCAAIAI2AhAgAiAANgIYCyAFQRRqKAIAIgJFDQAgAEEUaiACNgIAIAIgADYCGAsgASAEaiAENgIAIAEgBEEBcjYCBCABQaDQACgCAEcNAEGU0AAgBDYCAAwBCyAEQf8BTQRAIARBeHFBtNAAaiEAAn9BjNAAKAIAIgJBASAEQQN2dCIDcUUEQEGM0AAgAiADcjYCACAADAELIAAoAggLIgIgATYCDCAAIAE2AgggASAANgIMIAEgAjYCCAwBC0EfIQIgBEH///8HTQRAIARBJiAEQQh2ZyIAa3ZBAXEgAEEBdGtBPmohAgsgASACNgIcIAFCADcCECACQQJ0QbzSAGohAAJAQZDQACgCACIDQQEgAnQiB3FFBEAgACABNgIAQZDQACADIAdyNgIAIAEgADYCGCABIAE2AgggASABNgIMDAELIARBGSACQQF2a0EAIAJBH0cbdCECIAAoAgAhAAJAA0AgACIDKAIEQXhxIARGDQEgAkEddiEAIAJBAXQhAiADIABBBHFqQRBqIgcoAgAiAA0ACyAHIAE2AgAgASADNgIYIAEgATYCDCABIAE2AggMAQsgAygCCCIAIAE2AgwgAyABNgIIIAFBADYCGCABIAM2AgwgASAANgIIC0Gs0ABBrNAAKAIAQQFrIgBBfyAAGzYCAAsLBwAgAC0AKAsHACAALQAqCwcAIAAtACsLBwAgAC0AKQsHACAALwEyCwcAIAAtAC4LQAEEfyAAKAIYIQEgAC0ALSECIAAtACghAyAAKAI4IQQgABAwIAAgBDYCOCAAIAM6ACggACACOgAtIAAgATYCGAu74gECB38DfiABIAJqIQQCQCAAIgIoAgwiAA0AIAIoAgQEQCACIAE2AgQLIwBBEGsiCCQAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACfwJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAIAIoAhwiA0EBaw7dAdoBAdkBAgMEBQYHCAkKCwwNDtgBDxDXARES1gETFBUWFxgZGhvgAd8BHB0e1QEfICEiIyQl1AEmJygpKiss0wHSAS0u0QHQAS8wMTIzNDU2Nzg5Ojs8PT4/QEFCQ0RFRtsBR0hJSs8BzgFLzQFMzAFNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AAYEBggGDAYQBhQGGAYcBiAGJAYoBiwGMAY0BjgGPAZABkQGSAZMBlAGVAZYBlwGYAZkBmgGbAZwBnQGeAZ8BoAGhAaIBowGkAaUBpgGnAagBqQGqAasBrAGtAa4BrwGwAbEBsgGzAbQBtQG2AbcBywHKAbgByQG5AcgBugG7AbwBvQG+Ab8BwAHBAcIBwwHEAcUBxgEA3AELQQAMxgELQQ4MxQELQQ0MxAELQQ8MwwELQRAMwgELQRMMwQELQRQMwAELQRUMvwELQRYMvgELQRgMvQELQRkMvAELQRoMuwELQRsMugELQRwMuQELQR0MuAELQQgMtwELQR4MtgELQSAMtQELQR8MtAELQQcMswELQSEMsgELQSIMsQELQSMMsAELQSQMrwELQRIMrgELQREMrQELQSUMrAELQSYMqwELQScMqgELQSgMqQELQcMBDKgBC0EqDKcBC0ErDKYBC0EsDKUBC0EtDKQBC0EuDKMBC0EvDKIBC0HEAQyhAQtBMAygAQtBNAyfAQtBDAyeAQtBMQydAQtBMgycAQtBMwybAQtBOQyaAQtBNQyZAQtBxQEMmAELQQsMlwELQToMlgELQTYMlQELQQoMlAELQTcMkwELQTgMkgELQTwMkQELQTsMkAELQT0MjwELQQkMjgELQSkMjQELQT4MjAELQT8MiwELQcAADIoBC0HBAAyJAQtBwgAMiAELQcMADIcBC0HEAAyGAQtBxQAMhQELQcYADIQBC0EXDIMBC0HHAAyCAQtByAAMgQELQckADIABC0HKAAx/C0HLAAx+C0HNAAx9C0HMAAx8C0HOAAx7C0HPAAx6C0HQAAx5C0HRAAx4C0HSAAx3C0HTAAx2C0HUAAx1C0HWAAx0C0HVAAxzC0EGDHILQdcADHELQQUMcAtB2AAMbwtBBAxuC0HZAAxtC0HaAAxsC0HbAAxrC0HcAAxqC0EDDGkLQd0ADGgLQd4ADGcLQd8ADGYLQeEADGULQeAADGQLQeIADGMLQeMADGILQQIMYQtB5AAMYAtB5QAMXwtB5gAMXgtB5wAMXQtB6AAMXAtB6QAMWwtB6gAMWgtB6wAMWQtB7AAMWAtB7QAMVwtB7gAMVgtB7wAMVQtB8AAMVAtB8QAMUwtB8gAMUgtB8wAMUQtB9AAMUAtB9QAMTwtB9gAMTgtB9wAMTQtB+AAMTAtB+QAMSwtB+gAMSgtB+wAMSQtB/AAMSAtB/QAMRwtB/gAMRgtB/wAMRQtBgAEMRAtBgQEMQwtBggEMQgtBgwEMQQtBhAEMQAtBhQEMPwtBhgEMPgtBhwEMPQtBiAEMPAtBiQEMOwtBigEMOgtBiwEMOQtBjAEMOAtBjQEMNwtBjgEMNgtBjwEMNQtBkAEMNAtBkQEMMwtBkgEMMgtBkwEMMQtBlAEMMAtBlQEMLwtBlgEMLgtBlwEMLQtBmAEMLAtBmQEMKwtBmgEMKgtBmwEMKQtBnAEMKAtBnQEMJwtBngEMJgtBnwEMJQtBoAEMJAtBoQEMIwtBogEMIgtBowEMIQtBpAEMIAtBpQEMHwtBpgEMHgtBpwEMHQtBqAEMHAtBqQEMGwtBqgEMGgtBqwEMGQtBrAEMGAtBrQEMFwtBrgEMFgtBAQwVC0GvAQwUC0GwAQwTC0GxAQwSC0GzAQwRC0GyAQwQC0G0AQwPC0G1AQwOC0G2AQwNC0G3AQwMC0G4AQwLC0G5AQwKC0G6AQwJC0G7AQwIC0HGAQwHC0G8AQwGC0G9AQwFC0G+AQwEC0G/AQwDC0HAAQwCC0HCAQwBC0HBAQshAwNAAkACQAJAAkACQAJAAkACQAJAIAICfwJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJ/AkACQAJAAkACQAJAAkACQAJAAkACQAJAAkAgAgJ/AkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACfwJAAkACfwJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACfwJAAkACQAJAAn8CQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQCADDsYBAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHyAhIyUmKCorLC8wMTIzNDU2Nzk6Ozw9lANAQkRFRklLTk9QUVJTVFVWWFpbXF1eX2BhYmNkZWZnaGpsb3Bxc3V2eHl6e3x/gAGBAYIBgwGEAYUBhgGHAYgBiQGKAYsBjAGNAY4BjwGQAZEBkgGTAZQBlQGWAZcBmAGZAZoBmwGcAZ0BngGfAaABoQGiAaMBpAGlAaYBpwGoAakBqgGrAawBrQGuAa8BsAGxAbIBswG0AbUBtgG3AbgBuQG6AbsBvAG9Ab4BvwHAAcEBwgHDAcQBxQHGAccByAHJAcsBzAHNAc4BzwGKA4kDiAOHA4QDgwOAA/sC+gL5AvgC9wL0AvMC8gLLAsECsALZAQsgASAERw3wAkHdASEDDLMDCyABIARHDcgBQcMBIQMMsgMLIAEgBEcNe0H3ACEDDLEDCyABIARHDXBB7wAhAwywAwsgASAERw1pQeoAIQMMrwMLIAEgBEcNZUHoACEDDK4DCyABIARHDWJB5gAhAwytAwsgASAERw0aQRghAwysAwsgASAERw0VQRIhAwyrAwsgASAERw1CQcUAIQMMqgMLIAEgBEcNNEE/IQMMqQMLIAEgBEcNMkE8IQMMqAMLIAEgBEcNK0ExIQMMpwMLIAItAC5BAUYNnwMMwQILQQAhAAJAAkACQCACLQAqRQ0AIAItACtFDQAgAi8BMCIDQQJxRQ0BDAILIAIvATAiA0EBcUUNAQtBASEAIAItAChBAUYNACACLwEyIgVB5ABrQeQASQ0AIAVBzAFGDQAgBUGwAkYNACADQcAAcQ0AQQAhACADQYgEcUGABEYNACADQShxQQBHIQALIAJBADsBMCACQQA6AC8gAEUN3wIgAkIANwMgDOACC0EAIQACQCACKAI4IgNFDQAgAygCLCIDRQ0AIAIgAxEAACEACyAARQ3MASAAQRVHDd0CIAJBBDYCHCACIAE2AhQgAkGwGDYCECACQRU2AgxBACEDDKQDCyABIARGBEBBBiEDDKQDCyABQQFqIQFBACEAAkAgAigCOCIDRQ0AIAMoAlQiA0UNACACIAMRAAAhAAsgAA3ZAgwcCyACQgA3AyBBEiEDDIkDCyABIARHDRZBHSEDDKEDCyABIARHBEAgAUEBaiEBQRAhAwyIAwtBByEDDKADCyACIAIpAyAiCiAEIAFrrSILfSIMQgAgCiAMWhs3AyAgCiALWA3UAkEIIQMMnwMLIAEgBEcEQCACQQk2AgggAiABNgIEQRQhAwyGAwtBCSEDDJ4DCyACKQMgQgBSDccBIAIgAi8BMEGAAXI7ATAMQgsgASAERw0/QdAAIQMMnAMLIAEgBEYEQEELIQMMnAMLIAFBAWohAUEAIQACQCACKAI4IgNFDQAgAygCUCIDRQ0AIAIgAxEAACEACyAADc8CDMYBC0EAIQACQCACKAI4IgNFDQAgAygCSCIDRQ0AIAIgAxEAACEACyAARQ3GASAAQRVHDc0CIAJBCzYCHCACIAE2AhQgAkGCGTYCECACQRU2AgxBACEDDJoDC0EAIQACQCACKAI4IgNFDQAgAygCSCIDRQ0AIAIgAxEAACEACyAARQ0MIABBFUcNygIgAkEaNgIcIAIgATYCFCACQYIZNgIQIAJBFTYCDEEAIQMMmQMLQQAhAAJAIAIoAjgiA0UNACADKAJMIgNFDQAgAiADEQAAIQALIABFDcQBIABBFUcNxwIgAkELNgIcIAIgATYCFCACQZEXNgIQIAJBFTYCDEEAIQMMmAMLIAEgBEYEQEEPIQMMmAMLIAEtAAAiAEE7Rg0HIABBDUcNxAIgAUEBaiEBDMMBC0EAIQACQCACKAI4IgNFDQAgAygCTCIDRQ0AIAIgAxEAACEACyAARQ3DASAAQRVHDcICIAJBDzYCHCACIAE2AhQgAkGRFzYCECACQRU2AgxBACEDDJYDCwNAIAEtAABB8DVqLQAAIgBBAUcEQCAAQQJHDcECIAIoAgQhAEEAIQMgAkEANgIEIAIgACABQQFqIgEQLSIADcICDMUBCyAEIAFBAWoiAUcNAAtBEiEDDJUDC0EAIQACQCACKAI4IgNFDQAgAygCTCIDRQ0AIAIgAxEAACEACyAARQ3FASAAQRVHDb0CIAJBGzYCHCACIAE2AhQgAkGRFzYCECACQRU2AgxBACEDDJQDCyABIARGBEBBFiEDDJQDCyACQQo2AgggAiABNgIEQQAhAAJAIAIoAjgiA0UNACADKAJIIgNFDQAgAiADEQAAIQALIABFDcIBIABBFUcNuQIgAkEVNgIcIAIgATYCFCACQYIZNgIQIAJBFTYCDEEAIQMMkwMLIAEgBEcEQANAIAEtAABB8DdqLQAAIgBBAkcEQAJAIABBAWsOBMQCvQIAvgK9AgsgAUEBaiEBQQghAwz8AgsgBCABQQFqIgFHDQALQRUhAwyTAwtBFSEDDJIDCwNAIAEtAABB8DlqLQAAIgBBAkcEQCAAQQFrDgTFArcCwwK4ArcCCyAEIAFBAWoiAUcNAAtBGCEDDJEDCyABIARHBEAgAkELNgIIIAIgATYCBEEHIQMM+AILQRkhAwyQAwsgAUEBaiEBDAILIAEgBEYEQEEaIQMMjwMLAkAgAS0AAEENaw4UtQG/Ab8BvwG/Ab8BvwG/Ab8BvwG/Ab8BvwG/Ab8BvwG/Ab8BvwEAvwELQQAhAyACQQA2AhwgAkGvCzYCECACQQI2AgwgAiABQQFqNgIUDI4DCyABIARGBEBBGyEDDI4DCyABLQAAIgBBO0cEQCAAQQ1HDbECIAFBAWohAQy6AQsgAUEBaiEBC0EiIQMM8wILIAEgBEYEQEEcIQMMjAMLQgAhCgJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkAgAS0AAEEwaw43wQLAAgABAgMEBQYH0AHQAdAB0AHQAdAB0AEICQoLDA3QAdAB0AHQAdAB0AHQAdAB0AHQAdAB0AHQAdAB0AHQAdAB0AHQAdAB0AHQAdAB0AHQAdABDg8QERIT0AELQgIhCgzAAgtCAyEKDL8CC0IEIQoMvgILQgUhCgy9AgtCBiEKDLwCC0IHIQoMuwILQgghCgy6AgtCCSEKDLkCC0IKIQoMuAILQgshCgy3AgtCDCEKDLYCC0INIQoMtQILQg4hCgy0AgtCDyEKDLMCC0IKIQoMsgILQgshCgyxAgtCDCEKDLACC0INIQoMrwILQg4hCgyuAgtCDyEKDK0CC0IAIQoCQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAIAEtAABBMGsON8ACvwIAAQIDBAUGB74CvgK+Ar4CvgK+Ar4CCAkKCwwNvgK+Ar4CvgK+Ar4CvgK+Ar4CvgK+Ar4CvgK+Ar4CvgK+Ar4CvgK+Ar4CvgK+Ar4CvgK+Ag4PEBESE74CC0ICIQoMvwILQgMhCgy+AgtCBCEKDL0CC0IFIQoMvAILQgYhCgy7AgtCByEKDLoCC0IIIQoMuQILQgkhCgy4AgtCCiEKDLcCC0ILIQoMtgILQgwhCgy1AgtCDSEKDLQCC0IOIQoMswILQg8hCgyyAgtCCiEKDLECC0ILIQoMsAILQgwhCgyvAgtCDSEKDK4CC0IOIQoMrQILQg8hCgysAgsgAiACKQMgIgogBCABa60iC30iDEIAIAogDFobNwMgIAogC1gNpwJBHyEDDIkDCyABIARHBEAgAkEJNgIIIAIgATYCBEElIQMM8AILQSAhAwyIAwtBASEFIAIvATAiA0EIcUUEQCACKQMgQgBSIQULAkAgAi0ALgRAQQEhACACLQApQQVGDQEgA0HAAHFFIAVxRQ0BC0EAIQAgA0HAAHENAEECIQAgA0EIcQ0AIANBgARxBEACQCACLQAoQQFHDQAgAi0ALUEKcQ0AQQUhAAwCC0EEIQAMAQsgA0EgcUUEQAJAIAItAChBAUYNACACLwEyIgBB5ABrQeQASQ0AIABBzAFGDQAgAEGwAkYNAEEEIQAgA0EocUUNAiADQYgEcUGABEYNAgtBACEADAELQQBBAyACKQMgUBshAAsgAEEBaw4FvgIAsAEBpAKhAgtBESEDDO0CCyACQQE6AC8MhAMLIAEgBEcNnQJBJCEDDIQDCyABIARHDRxBxgAhAwyDAwtBACEAAkAgAigCOCIDRQ0AIAMoAkQiA0UNACACIAMRAAAhAAsgAEUNJyAAQRVHDZgCIAJB0AA2AhwgAiABNgIUIAJBkRg2AhAgAkEVNgIMQQAhAwyCAwsgASAERgRAQSghAwyCAwtBACEDIAJBADYCBCACQQw2AgggAiABIAEQKiIARQ2UAiACQSc2AhwgAiABNgIUIAIgADYCDAyBAwsgASAERgRAQSkhAwyBAwsgAS0AACIAQSBGDRMgAEEJRw2VAiABQQFqIQEMFAsgASAERwRAIAFBAWohAQwWC0EqIQMM/wILIAEgBEYEQEErIQMM/wILIAEtAAAiAEEJRyAAQSBHcQ2QAiACLQAsQQhHDd0CIAJBADoALAzdAgsgASAERgRAQSwhAwz+AgsgAS0AAEEKRw2OAiABQQFqIQEMsAELIAEgBEcNigJBLyEDDPwCCwNAIAEtAAAiAEEgRwRAIABBCmsOBIQCiAKIAoQChgILIAQgAUEBaiIBRw0AC0ExIQMM+wILQTIhAyABIARGDfoCIAIoAgAiACAEIAFraiEHIAEgAGtBA2ohBgJAA0AgAEHwO2otAAAgAS0AACIFQSByIAUgBUHBAGtB/wFxQRpJG0H/AXFHDQEgAEEDRgRAQQYhAQziAgsgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAc2AgAM+wILIAJBADYCAAyGAgtBMyEDIAQgASIARg35AiAEIAFrIAIoAgAiAWohByAAIAFrQQhqIQYCQANAIAFB9DtqLQAAIAAtAAAiBUEgciAFIAVBwQBrQf8BcUEaSRtB/wFxRw0BIAFBCEYEQEEFIQEM4QILIAFBAWohASAEIABBAWoiAEcNAAsgAiAHNgIADPoCCyACQQA2AgAgACEBDIUCC0E0IQMgBCABIgBGDfgCIAQgAWsgAigCACIBaiEHIAAgAWtBBWohBgJAA0AgAUHQwgBqLQAAIAAtAAAiBUEgciAFIAVBwQBrQf8BcUEaSRtB/wFxRw0BIAFBBUYEQEEHIQEM4AILIAFBAWohASAEIABBAWoiAEcNAAsgAiAHNgIADPkCCyACQQA2AgAgACEBDIQCCyABIARHBEADQCABLQAAQYA+ai0AACIAQQFHBEAgAEECRg0JDIECCyAEIAFBAWoiAUcNAAtBMCEDDPgCC0EwIQMM9wILIAEgBEcEQANAIAEtAAAiAEEgRwRAIABBCmsOBP8B/gH+Af8B/gELIAQgAUEBaiIBRw0AC0E4IQMM9wILQTghAwz2AgsDQCABLQAAIgBBIEcgAEEJR3EN9gEgBCABQQFqIgFHDQALQTwhAwz1AgsDQCABLQAAIgBBIEcEQAJAIABBCmsOBPkBBAT5AQALIABBLEYN9QEMAwsgBCABQQFqIgFHDQALQT8hAwz0AgtBwAAhAyABIARGDfMCIAIoAgAiACAEIAFraiEFIAEgAGtBBmohBgJAA0AgAEGAQGstAAAgAS0AAEEgckcNASAAQQZGDdsCIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADPQCCyACQQA2AgALQTYhAwzZAgsgASAERgRAQcEAIQMM8gILIAJBDDYCCCACIAE2AgQgAi0ALEEBaw4E+wHuAewB6wHUAgsgAUEBaiEBDPoBCyABIARHBEADQAJAIAEtAAAiAEEgciAAIABBwQBrQf8BcUEaSRtB/wFxIgBBCUYNACAAQSBGDQACQAJAAkACQCAAQeMAaw4TAAMDAwMDAwMBAwMDAwMDAwMDAgMLIAFBAWohAUExIQMM3AILIAFBAWohAUEyIQMM2wILIAFBAWohAUEzIQMM2gILDP4BCyAEIAFBAWoiAUcNAAtBNSEDDPACC0E1IQMM7wILIAEgBEcEQANAIAEtAABBgDxqLQAAQQFHDfcBIAQgAUEBaiIBRw0AC0E9IQMM7wILQT0hAwzuAgtBACEAAkAgAigCOCIDRQ0AIAMoAkAiA0UNACACIAMRAAAhAAsgAEUNASAAQRVHDeYBIAJBwgA2AhwgAiABNgIUIAJB4xg2AhAgAkEVNgIMQQAhAwztAgsgAUEBaiEBC0E8IQMM0gILIAEgBEYEQEHCACEDDOsCCwJAA0ACQCABLQAAQQlrDhgAAswCzALRAswCzALMAswCzALMAswCzALMAswCzALMAswCzALMAswCzALMAgDMAgsgBCABQQFqIgFHDQALQcIAIQMM6wILIAFBAWohASACLQAtQQFxRQ3+AQtBLCEDDNACCyABIARHDd4BQcQAIQMM6AILA0AgAS0AAEGQwABqLQAAQQFHDZwBIAQgAUEBaiIBRw0AC0HFACEDDOcCCyABLQAAIgBBIEYN/gEgAEE6Rw3AAiACKAIEIQBBACEDIAJBADYCBCACIAAgARApIgAN3gEM3QELQccAIQMgBCABIgBGDeUCIAQgAWsgAigCACIBaiEHIAAgAWtBBWohBgNAIAFBkMIAai0AACAALQAAIgVBIHIgBSAFQcEAa0H/AXFBGkkbQf8BcUcNvwIgAUEFRg3CAiABQQFqIQEgBCAAQQFqIgBHDQALIAIgBzYCAAzlAgtByAAhAyAEIAEiAEYN5AIgBCABayACKAIAIgFqIQcgACABa0EJaiEGA0AgAUGWwgBqLQAAIAAtAAAiBUEgciAFIAVBwQBrQf8BcUEaSRtB/wFxRw2+AkECIAFBCUYNwgIaIAFBAWohASAEIABBAWoiAEcNAAsgAiAHNgIADOQCCyABIARGBEBByQAhAwzkAgsCQAJAIAEtAAAiAEEgciAAIABBwQBrQf8BcUEaSRtB/wFxQe4Aaw4HAL8CvwK/Ar8CvwIBvwILIAFBAWohAUE+IQMMywILIAFBAWohAUE/IQMMygILQcoAIQMgBCABIgBGDeICIAQgAWsgAigCACIBaiEGIAAgAWtBAWohBwNAIAFBoMIAai0AACAALQAAIgVBIHIgBSAFQcEAa0H/AXFBGkkbQf8BcUcNvAIgAUEBRg2+AiABQQFqIQEgBCAAQQFqIgBHDQALIAIgBjYCAAziAgtBywAhAyAEIAEiAEYN4QIgBCABayACKAIAIgFqIQcgACABa0EOaiEGA0AgAUGiwgBqLQAAIAAtAAAiBUEgciAFIAVBwQBrQf8BcUEaSRtB/wFxRw27AiABQQ5GDb4CIAFBAWohASAEIABBAWoiAEcNAAsgAiAHNgIADOECC0HMACEDIAQgASIARg3gAiAEIAFrIAIoAgAiAWohByAAIAFrQQ9qIQYDQCABQcDCAGotAAAgAC0AACIFQSByIAUgBUHBAGtB/wFxQRpJG0H/AXFHDboCQQMgAUEPRg2+AhogAUEBaiEBIAQgAEEBaiIARw0ACyACIAc2AgAM4AILQc0AIQMgBCABIgBGDd8CIAQgAWsgAigCACIBaiEHIAAgAWtBBWohBgNAIAFB0MIAai0AACAALQAAIgVBIHIgBSAFQcEAa0H/AXFBGkkbQf8BcUcNuQJBBCABQQVGDb0CGiABQQFqIQEgBCAAQQFqIgBHDQALIAIgBzYCAAzfAgsgASAERgRAQc4AIQMM3wILAkACQAJAAkAgAS0AACIAQSByIAAgAEHBAGtB/wFxQRpJG0H/AXFB4wBrDhMAvAK8ArwCvAK8ArwCvAK8ArwCvAK8ArwCAbwCvAK8AgIDvAILIAFBAWohAUHBACEDDMgCCyABQQFqIQFBwgAhAwzHAgsgAUEBaiEBQcMAIQMMxgILIAFBAWohAUHEACEDDMUCCyABIARHBEAgAkENNgIIIAIgATYCBEHFACEDDMUCC0HPACEDDN0CCwJAAkAgAS0AAEEKaw4EAZABkAEAkAELIAFBAWohAQtBKCEDDMMCCyABIARGBEBB0QAhAwzcAgsgAS0AAEEgRw0AIAFBAWohASACLQAtQQFxRQ3QAQtBFyEDDMECCyABIARHDcsBQdIAIQMM2QILQdMAIQMgASAERg3YAiACKAIAIgAgBCABa2ohBiABIABrQQFqIQUDQCABLQAAIABB1sIAai0AAEcNxwEgAEEBRg3KASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBjYCAAzYAgsgASAERgRAQdUAIQMM2AILIAEtAABBCkcNwgEgAUEBaiEBDMoBCyABIARGBEBB1gAhAwzXAgsCQAJAIAEtAABBCmsOBADDAcMBAcMBCyABQQFqIQEMygELIAFBAWohAUHKACEDDL0CC0EAIQACQCACKAI4IgNFDQAgAygCPCIDRQ0AIAIgAxEAACEACyAADb8BQc0AIQMMvAILIAItAClBIkYNzwIMiQELIAQgASIFRgRAQdsAIQMM1AILQQAhAEEBIQFBASEGQQAhAwJAAn8CQAJAAkACQAJAAkACQCAFLQAAQTBrDgrFAcQBAAECAwQFBgjDAQtBAgwGC0EDDAULQQQMBAtBBQwDC0EGDAILQQcMAQtBCAshA0EAIQFBACEGDL0BC0EJIQNBASEAQQAhAUEAIQYMvAELIAEgBEYEQEHdACEDDNMCCyABLQAAQS5HDbgBIAFBAWohAQyIAQsgASAERw22AUHfACEDDNECCyABIARHBEAgAkEONgIIIAIgATYCBEHQACEDDLgCC0HgACEDDNACC0HhACEDIAEgBEYNzwIgAigCACIAIAQgAWtqIQUgASAAa0EDaiEGA0AgAS0AACAAQeLCAGotAABHDbEBIABBA0YNswEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAMzwILQeIAIQMgASAERg3OAiACKAIAIgAgBCABa2ohBSABIABrQQJqIQYDQCABLQAAIABB5sIAai0AAEcNsAEgAEECRg2vASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAzOAgtB4wAhAyABIARGDc0CIAIoAgAiACAEIAFraiEFIAEgAGtBA2ohBgNAIAEtAAAgAEHpwgBqLQAARw2vASAAQQNGDa0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADM0CCyABIARGBEBB5QAhAwzNAgsgAUEBaiEBQQAhAAJAIAIoAjgiA0UNACADKAIwIgNFDQAgAiADEQAAIQALIAANqgFB1gAhAwyzAgsgASAERwRAA0AgAS0AACIAQSBHBEACQAJAAkAgAEHIAGsOCwABswGzAbMBswGzAbMBswGzAQKzAQsgAUEBaiEBQdIAIQMMtwILIAFBAWohAUHTACEDDLYCCyABQQFqIQFB1AAhAwy1AgsgBCABQQFqIgFHDQALQeQAIQMMzAILQeQAIQMMywILA0AgAS0AAEHwwgBqLQAAIgBBAUcEQCAAQQJrDgOnAaYBpQGkAQsgBCABQQFqIgFHDQALQeYAIQMMygILIAFBAWogASAERw0CGkHnACEDDMkCCwNAIAEtAABB8MQAai0AACIAQQFHBEACQCAAQQJrDgSiAaEBoAEAnwELQdcAIQMMsQILIAQgAUEBaiIBRw0AC0HoACEDDMgCCyABIARGBEBB6QAhAwzIAgsCQCABLQAAIgBBCmsOGrcBmwGbAbQBmwGbAZsBmwGbAZsBmwGbAZsBmwGbAZsBmwGbAZsBmwGbAZsBpAGbAZsBAJkBCyABQQFqCyEBQQYhAwytAgsDQCABLQAAQfDGAGotAABBAUcNfSAEIAFBAWoiAUcNAAtB6gAhAwzFAgsgAUEBaiABIARHDQIaQesAIQMMxAILIAEgBEYEQEHsACEDDMQCCyABQQFqDAELIAEgBEYEQEHtACEDDMMCCyABQQFqCyEBQQQhAwyoAgsgASAERgRAQe4AIQMMwQILAkACQAJAIAEtAABB8MgAai0AAEEBaw4HkAGPAY4BAHwBAo0BCyABQQFqIQEMCwsgAUEBagyTAQtBACEDIAJBADYCHCACQZsSNgIQIAJBBzYCDCACIAFBAWo2AhQMwAILAkADQCABLQAAQfDIAGotAAAiAEEERwRAAkACQCAAQQFrDgeUAZMBkgGNAQAEAY0BC0HaACEDDKoCCyABQQFqIQFB3AAhAwypAgsgBCABQQFqIgFHDQALQe8AIQMMwAILIAFBAWoMkQELIAQgASIARgRAQfAAIQMMvwILIAAtAABBL0cNASAAQQFqIQEMBwsgBCABIgBGBEBB8QAhAwy+AgsgAC0AACIBQS9GBEAgAEEBaiEBQd0AIQMMpQILIAFBCmsiA0EWSw0AIAAhAUEBIAN0QYmAgAJxDfkBC0EAIQMgAkEANgIcIAIgADYCFCACQYwcNgIQIAJBBzYCDAy8AgsgASAERwRAIAFBAWohAUHeACEDDKMCC0HyACEDDLsCCyABIARGBEBB9AAhAwy7AgsCQCABLQAAQfDMAGotAABBAWsOA/cBcwCCAQtB4QAhAwyhAgsgASAERwRAA0AgAS0AAEHwygBqLQAAIgBBA0cEQAJAIABBAWsOAvkBAIUBC0HfACEDDKMCCyAEIAFBAWoiAUcNAAtB8wAhAwy6AgtB8wAhAwy5AgsgASAERwRAIAJBDzYCCCACIAE2AgRB4AAhAwygAgtB9QAhAwy4AgsgASAERgRAQfYAIQMMuAILIAJBDzYCCCACIAE2AgQLQQMhAwydAgsDQCABLQAAQSBHDY4CIAQgAUEBaiIBRw0AC0H3ACEDDLUCCyABIARGBEBB+AAhAwy1AgsgAS0AAEEgRw16IAFBAWohAQxbC0EAIQACQCACKAI4IgNFDQAgAygCOCIDRQ0AIAIgAxEAACEACyAADXgMgAILIAEgBEYEQEH6ACEDDLMCCyABLQAAQcwARw10IAFBAWohAUETDHYLQfsAIQMgASAERg2xAiACKAIAIgAgBCABa2ohBSABIABrQQVqIQYDQCABLQAAIABB8M4Aai0AAEcNcyAAQQVGDXUgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAMsQILIAEgBEYEQEH8ACEDDLECCwJAAkAgAS0AAEHDAGsODAB0dHR0dHR0dHR0AXQLIAFBAWohAUHmACEDDJgCCyABQQFqIQFB5wAhAwyXAgtB/QAhAyABIARGDa8CIAIoAgAiACAEIAFraiEFIAEgAGtBAmohBgJAA0AgAS0AACAAQe3PAGotAABHDXIgAEECRg0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADLACCyACQQA2AgAgBkEBaiEBQRAMcwtB/gAhAyABIARGDa4CIAIoAgAiACAEIAFraiEFIAEgAGtBBWohBgJAA0AgAS0AACAAQfbOAGotAABHDXEgAEEFRg0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADK8CCyACQQA2AgAgBkEBaiEBQRYMcgtB/wAhAyABIARGDa0CIAIoAgAiACAEIAFraiEFIAEgAGtBA2ohBgJAA0AgAS0AACAAQfzOAGotAABHDXAgAEEDRg0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADK4CCyACQQA2AgAgBkEBaiEBQQUMcQsgASAERgRAQYABIQMMrQILIAEtAABB2QBHDW4gAUEBaiEBQQgMcAsgASAERgRAQYEBIQMMrAILAkACQCABLQAAQc4Aaw4DAG8BbwsgAUEBaiEBQesAIQMMkwILIAFBAWohAUHsACEDDJICCyABIARGBEBBggEhAwyrAgsCQAJAIAEtAABByABrDggAbm5ubm5uAW4LIAFBAWohAUHqACEDDJICCyABQQFqIQFB7QAhAwyRAgtBgwEhAyABIARGDakCIAIoAgAiACAEIAFraiEFIAEgAGtBAmohBgJAA0AgAS0AACAAQYDPAGotAABHDWwgAEECRg0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADKoCCyACQQA2AgAgBkEBaiEBQQAMbQtBhAEhAyABIARGDagCIAIoAgAiACAEIAFraiEFIAEgAGtBBGohBgJAA0AgAS0AACAAQYPPAGotAABHDWsgAEEERg0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADKkCCyACQQA2AgAgBkEBaiEBQSMMbAsgASAERgRAQYUBIQMMqAILAkACQCABLQAAQcwAaw4IAGtra2trawFrCyABQQFqIQFB7wAhAwyPAgsgAUEBaiEBQfAAIQMMjgILIAEgBEYEQEGGASEDDKcCCyABLQAAQcUARw1oIAFBAWohAQxgC0GHASEDIAEgBEYNpQIgAigCACIAIAQgAWtqIQUgASAAa0EDaiEGAkADQCABLQAAIABBiM8Aai0AAEcNaCAAQQNGDQEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAMpgILIAJBADYCACAGQQFqIQFBLQxpC0GIASEDIAEgBEYNpAIgAigCACIAIAQgAWtqIQUgASAAa0EIaiEGAkADQCABLQAAIABB0M8Aai0AAEcNZyAAQQhGDQEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAMpQILIAJBADYCACAGQQFqIQFBKQxoCyABIARGBEBBiQEhAwykAgtBASABLQAAQd8ARw1nGiABQQFqIQEMXgtBigEhAyABIARGDaICIAIoAgAiACAEIAFraiEFIAEgAGtBAWohBgNAIAEtAAAgAEGMzwBqLQAARw1kIABBAUYN+gEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAMogILQYsBIQMgASAERg2hAiACKAIAIgAgBCABa2ohBSABIABrQQJqIQYCQANAIAEtAAAgAEGOzwBqLQAARw1kIABBAkYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAyiAgsgAkEANgIAIAZBAWohAUECDGULQYwBIQMgASAERg2gAiACKAIAIgAgBCABa2ohBSABIABrQQFqIQYCQANAIAEtAAAgAEHwzwBqLQAARw1jIABBAUYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAyhAgsgAkEANgIAIAZBAWohAUEfDGQLQY0BIQMgASAERg2fAiACKAIAIgAgBCABa2ohBSABIABrQQFqIQYCQANAIAEtAAAgAEHyzwBqLQAARw1iIABBAUYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAygAgsgAkEANgIAIAZBAWohAUEJDGMLIAEgBEYEQEGOASEDDJ8CCwJAAkAgAS0AAEHJAGsOBwBiYmJiYgFiCyABQQFqIQFB+AAhAwyGAgsgAUEBaiEBQfkAIQMMhQILQY8BIQMgASAERg2dAiACKAIAIgAgBCABa2ohBSABIABrQQVqIQYCQANAIAEtAAAgAEGRzwBqLQAARw1gIABBBUYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAyeAgsgAkEANgIAIAZBAWohAUEYDGELQZABIQMgASAERg2cAiACKAIAIgAgBCABa2ohBSABIABrQQJqIQYCQANAIAEtAAAgAEGXzwBqLQAARw1fIABBAkYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAydAgsgAkEANgIAIAZBAWohAUEXDGALQZEBIQMgASAERg2bAiACKAIAIgAgBCABa2ohBSABIABrQQZqIQYCQANAIAEtAAAgAEGazwBqLQAARw1eIABBBkYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAycAgsgAkEANgIAIAZBAWohAUEVDF8LQZIBIQMgASAERg2aAiACKAIAIgAgBCABa2ohBSABIABrQQVqIQYCQANAIAEtAAAgAEGhzwBqLQAARw1dIABBBUYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAybAgsgAkEANgIAIAZBAWohAUEeDF4LIAEgBEYEQEGTASEDDJoCCyABLQAAQcwARw1bIAFBAWohAUEKDF0LIAEgBEYEQEGUASEDDJkCCwJAAkAgAS0AAEHBAGsODwBcXFxcXFxcXFxcXFxcAVwLIAFBAWohAUH+ACEDDIACCyABQQFqIQFB/wAhAwz/AQsgASAERgRAQZUBIQMMmAILAkACQCABLQAAQcEAaw4DAFsBWwsgAUEBaiEBQf0AIQMM/wELIAFBAWohAUGAASEDDP4BC0GWASEDIAEgBEYNlgIgAigCACIAIAQgAWtqIQUgASAAa0EBaiEGAkADQCABLQAAIABBp88Aai0AAEcNWSAAQQFGDQEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAMlwILIAJBADYCACAGQQFqIQFBCwxaCyABIARGBEBBlwEhAwyWAgsCQAJAAkACQCABLQAAQS1rDiMAW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1sBW1tbW1sCW1tbA1sLIAFBAWohAUH7ACEDDP8BCyABQQFqIQFB/AAhAwz+AQsgAUEBaiEBQYEBIQMM/QELIAFBAWohAUGCASEDDPwBC0GYASEDIAEgBEYNlAIgAigCACIAIAQgAWtqIQUgASAAa0EEaiEGAkADQCABLQAAIABBqc8Aai0AAEcNVyAAQQRGDQEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAMlQILIAJBADYCACAGQQFqIQFBGQxYC0GZASEDIAEgBEYNkwIgAigCACIAIAQgAWtqIQUgASAAa0EFaiEGAkADQCABLQAAIABBrs8Aai0AAEcNViAAQQVGDQEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAMlAILIAJBADYCACAGQQFqIQFBBgxXC0GaASEDIAEgBEYNkgIgAigCACIAIAQgAWtqIQUgASAAa0EBaiEGAkADQCABLQAAIABBtM8Aai0AAEcNVSAAQQFGDQEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAMkwILIAJBADYCACAGQQFqIQFBHAxWC0GbASEDIAEgBEYNkQIgAigCACIAIAQgAWtqIQUgASAAa0EBaiEGAkADQCABLQAAIABBts8Aai0AAEcNVCAAQQFGDQEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAMkgILIAJBADYCACAGQQFqIQFBJwxVCyABIARGBEBBnAEhAwyRAgsCQAJAIAEtAABB1ABrDgIAAVQLIAFBAWohAUGGASEDDPgBCyABQQFqIQFBhwEhAwz3AQtBnQEhAyABIARGDY8CIAIoAgAiACAEIAFraiEFIAEgAGtBAWohBgJAA0AgAS0AACAAQbjPAGotAABHDVIgAEEBRg0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADJACCyACQQA2AgAgBkEBaiEBQSYMUwtBngEhAyABIARGDY4CIAIoAgAiACAEIAFraiEFIAEgAGtBAWohBgJAA0AgAS0AACAAQbrPAGotAABHDVEgAEEBRg0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADI8CCyACQQA2AgAgBkEBaiEBQQMMUgtBnwEhAyABIARGDY0CIAIoAgAiACAEIAFraiEFIAEgAGtBAmohBgJAA0AgAS0AACAAQe3PAGotAABHDVAgAEECRg0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADI4CCyACQQA2AgAgBkEBaiEBQQwMUQtBoAEhAyABIARGDYwCIAIoAgAiACAEIAFraiEFIAEgAGtBA2ohBgJAA0AgAS0AACAAQbzPAGotAABHDU8gAEEDRg0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADI0CCyACQQA2AgAgBkEBaiEBQQ0MUAsgASAERgRAQaEBIQMMjAILAkACQCABLQAAQcYAaw4LAE9PT09PT09PTwFPCyABQQFqIQFBiwEhAwzzAQsgAUEBaiEBQYwBIQMM8gELIAEgBEYEQEGiASEDDIsCCyABLQAAQdAARw1MIAFBAWohAQxGCyABIARGBEBBowEhAwyKAgsCQAJAIAEtAABByQBrDgcBTU1NTU0ATQsgAUEBaiEBQY4BIQMM8QELIAFBAWohAUEiDE0LQaQBIQMgASAERg2IAiACKAIAIgAgBCABa2ohBSABIABrQQFqIQYCQANAIAEtAAAgAEHAzwBqLQAARw1LIABBAUYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAyJAgsgAkEANgIAIAZBAWohAUEdDEwLIAEgBEYEQEGlASEDDIgCCwJAAkAgAS0AAEHSAGsOAwBLAUsLIAFBAWohAUGQASEDDO8BCyABQQFqIQFBBAxLCyABIARGBEBBpgEhAwyHAgsCQAJAAkACQAJAIAEtAABBwQBrDhUATU1NTU1NTU1NTQFNTQJNTQNNTQRNCyABQQFqIQFBiAEhAwzxAQsgAUEBaiEBQYkBIQMM8AELIAFBAWohAUGKASEDDO8BCyABQQFqIQFBjwEhAwzuAQsgAUEBaiEBQZEBIQMM7QELQacBIQMgASAERg2FAiACKAIAIgAgBCABa2ohBSABIABrQQJqIQYCQANAIAEtAAAgAEHtzwBqLQAARw1IIABBAkYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAyGAgsgAkEANgIAIAZBAWohAUERDEkLQagBIQMgASAERg2EAiACKAIAIgAgBCABa2ohBSABIABrQQJqIQYCQANAIAEtAAAgAEHCzwBqLQAARw1HIABBAkYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAyFAgsgAkEANgIAIAZBAWohAUEsDEgLQakBIQMgASAERg2DAiACKAIAIgAgBCABa2ohBSABIABrQQRqIQYCQANAIAEtAAAgAEHFzwBqLQAARw1GIABBBEYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAyEAgsgAkEANgIAIAZBAWohAUErDEcLQaoBIQMgASAERg2CAiACKAIAIgAgBCABa2ohBSABIABrQQJqIQYCQANAIAEtAAAgAEHKzwBqLQAARw1FIABBAkYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAyDAgsgAkEANgIAIAZBAWohAUEUDEYLIAEgBEYEQEGrASEDDIICCwJAAkACQAJAIAEtAABBwgBrDg8AAQJHR0dHR0dHR0dHRwNHCyABQQFqIQFBkwEhAwzrAQsgAUEBaiEBQZQBIQMM6gELIAFBAWohAUGVASEDDOkBCyABQQFqIQFBlgEhAwzoAQsgASAERgRAQawBIQMMgQILIAEtAABBxQBHDUIgAUEBaiEBDD0LQa0BIQMgASAERg3/ASACKAIAIgAgBCABa2ohBSABIABrQQJqIQYCQANAIAEtAAAgAEHNzwBqLQAARw1CIABBAkYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAyAAgsgAkEANgIAIAZBAWohAUEODEMLIAEgBEYEQEGuASEDDP8BCyABLQAAQdAARw1AIAFBAWohAUElDEILQa8BIQMgASAERg39ASACKAIAIgAgBCABa2ohBSABIABrQQhqIQYCQANAIAEtAAAgAEHQzwBqLQAARw1AIABBCEYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAz+AQsgAkEANgIAIAZBAWohAUEqDEELIAEgBEYEQEGwASEDDP0BCwJAAkAgAS0AAEHVAGsOCwBAQEBAQEBAQEABQAsgAUEBaiEBQZoBIQMM5AELIAFBAWohAUGbASEDDOMBCyABIARGBEBBsQEhAwz8AQsCQAJAIAEtAABBwQBrDhQAPz8/Pz8/Pz8/Pz8/Pz8/Pz8/AT8LIAFBAWohAUGZASEDDOMBCyABQQFqIQFBnAEhAwziAQtBsgEhAyABIARGDfoBIAIoAgAiACAEIAFraiEFIAEgAGtBA2ohBgJAA0AgAS0AACAAQdnPAGotAABHDT0gAEEDRg0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADPsBCyACQQA2AgAgBkEBaiEBQSEMPgtBswEhAyABIARGDfkBIAIoAgAiACAEIAFraiEFIAEgAGtBBmohBgJAA0AgAS0AACAAQd3PAGotAABHDTwgAEEGRg0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADPoBCyACQQA2AgAgBkEBaiEBQRoMPQsgASAERgRAQbQBIQMM+QELAkACQAJAIAEtAABBxQBrDhEAPT09PT09PT09AT09PT09Aj0LIAFBAWohAUGdASEDDOEBCyABQQFqIQFBngEhAwzgAQsgAUEBaiEBQZ8BIQMM3wELQbUBIQMgASAERg33ASACKAIAIgAgBCABa2ohBSABIABrQQVqIQYCQANAIAEtAAAgAEHkzwBqLQAARw06IABBBUYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAz4AQsgAkEANgIAIAZBAWohAUEoDDsLQbYBIQMgASAERg32ASACKAIAIgAgBCABa2ohBSABIABrQQJqIQYCQANAIAEtAAAgAEHqzwBqLQAARw05IABBAkYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAz3AQsgAkEANgIAIAZBAWohAUEHDDoLIAEgBEYEQEG3ASEDDPYBCwJAAkAgAS0AAEHFAGsODgA5OTk5OTk5OTk5OTkBOQsgAUEBaiEBQaEBIQMM3QELIAFBAWohAUGiASEDDNwBC0G4ASEDIAEgBEYN9AEgAigCACIAIAQgAWtqIQUgASAAa0ECaiEGAkADQCABLQAAIABB7c8Aai0AAEcNNyAAQQJGDQEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAM9QELIAJBADYCACAGQQFqIQFBEgw4C0G5ASEDIAEgBEYN8wEgAigCACIAIAQgAWtqIQUgASAAa0EBaiEGAkADQCABLQAAIABB8M8Aai0AAEcNNiAAQQFGDQEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAM9AELIAJBADYCACAGQQFqIQFBIAw3C0G6ASEDIAEgBEYN8gEgAigCACIAIAQgAWtqIQUgASAAa0EBaiEGAkADQCABLQAAIABB8s8Aai0AAEcNNSAAQQFGDQEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAM8wELIAJBADYCACAGQQFqIQFBDww2CyABIARGBEBBuwEhAwzyAQsCQAJAIAEtAABByQBrDgcANTU1NTUBNQsgAUEBaiEBQaUBIQMM2QELIAFBAWohAUGmASEDDNgBC0G8ASEDIAEgBEYN8AEgAigCACIAIAQgAWtqIQUgASAAa0EHaiEGAkADQCABLQAAIABB9M8Aai0AAEcNMyAAQQdGDQEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAM8QELIAJBADYCACAGQQFqIQFBGww0CyABIARGBEBBvQEhAwzwAQsCQAJAAkAgAS0AAEHCAGsOEgA0NDQ0NDQ0NDQBNDQ0NDQ0AjQLIAFBAWohAUGkASEDDNgBCyABQQFqIQFBpwEhAwzXAQsgAUEBaiEBQagBIQMM1gELIAEgBEYEQEG+ASEDDO8BCyABLQAAQc4ARw0wIAFBAWohAQwsCyABIARGBEBBvwEhAwzuAQsCQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQCABLQAAQcEAaw4VAAECAz8EBQY/Pz8HCAkKCz8MDQ4PPwsgAUEBaiEBQegAIQMM4wELIAFBAWohAUHpACEDDOIBCyABQQFqIQFB7gAhAwzhAQsgAUEBaiEBQfIAIQMM4AELIAFBAWohAUHzACEDDN8BCyABQQFqIQFB9gAhAwzeAQsgAUEBaiEBQfcAIQMM3QELIAFBAWohAUH6ACEDDNwBCyABQQFqIQFBgwEhAwzbAQsgAUEBaiEBQYQBIQMM2gELIAFBAWohAUGFASEDDNkBCyABQQFqIQFBkgEhAwzYAQsgAUEBaiEBQZgBIQMM1wELIAFBAWohAUGgASEDDNYBCyABQQFqIQFBowEhAwzVAQsgAUEBaiEBQaoBIQMM1AELIAEgBEcEQCACQRA2AgggAiABNgIEQasBIQMM1AELQcABIQMM7AELQQAhAAJAIAIoAjgiA0UNACADKAI0IgNFDQAgAiADEQAAIQALIABFDV4gAEEVRw0HIAJB0QA2AhwgAiABNgIUIAJBsBc2AhAgAkEVNgIMQQAhAwzrAQsgAUEBaiABIARHDQgaQcIBIQMM6gELA0ACQCABLQAAQQprDgQIAAALAAsgBCABQQFqIgFHDQALQcMBIQMM6QELIAEgBEcEQCACQRE2AgggAiABNgIEQQEhAwzQAQtBxAEhAwzoAQsgASAERgRAQcUBIQMM6AELAkACQCABLQAAQQprDgQBKCgAKAsgAUEBagwJCyABQQFqDAULIAEgBEYEQEHGASEDDOcBCwJAAkAgAS0AAEEKaw4XAQsLAQsLCwsLCwsLCwsLCwsLCwsLCwALCyABQQFqIQELQbABIQMMzQELIAEgBEYEQEHIASEDDOYBCyABLQAAQSBHDQkgAkEAOwEyIAFBAWohAUGzASEDDMwBCwNAIAEhAAJAIAEgBEcEQCABLQAAQTBrQf8BcSIDQQpJDQEMJwtBxwEhAwzmAQsCQCACLwEyIgFBmTNLDQAgAiABQQpsIgU7ATIgBUH+/wNxIANB//8Dc0sNACAAQQFqIQEgAiADIAVqIgM7ATIgA0H//wNxQegHSQ0BCwtBACEDIAJBADYCHCACQcEJNgIQIAJBDTYCDCACIABBAWo2AhQM5AELIAJBADYCHCACIAE2AhQgAkHwDDYCECACQRs2AgxBACEDDOMBCyACKAIEIQAgAkEANgIEIAIgACABECYiAA0BIAFBAWoLIQFBrQEhAwzIAQsgAkHBATYCHCACIAA2AgwgAiABQQFqNgIUQQAhAwzgAQsgAigCBCEAIAJBADYCBCACIAAgARAmIgANASABQQFqCyEBQa4BIQMMxQELIAJBwgE2AhwgAiAANgIMIAIgAUEBajYCFEEAIQMM3QELIAJBADYCHCACIAE2AhQgAkGXCzYCECACQQ02AgxBACEDDNwBCyACQQA2AhwgAiABNgIUIAJB4xA2AhAgAkEJNgIMQQAhAwzbAQsgAkECOgAoDKwBC0EAIQMgAkEANgIcIAJBrws2AhAgAkECNgIMIAIgAUEBajYCFAzZAQtBAiEDDL8BC0ENIQMMvgELQSYhAwy9AQtBFSEDDLwBC0EWIQMMuwELQRghAwy6AQtBHCEDDLkBC0EdIQMMuAELQSAhAwy3AQtBISEDDLYBC0EjIQMMtQELQcYAIQMMtAELQS4hAwyzAQtBPSEDDLIBC0HLACEDDLEBC0HOACEDDLABC0HYACEDDK8BC0HZACEDDK4BC0HbACEDDK0BC0HxACEDDKwBC0H0ACEDDKsBC0GNASEDDKoBC0GXASEDDKkBC0GpASEDDKgBC0GvASEDDKcBC0GxASEDDKYBCyACQQA2AgALQQAhAyACQQA2AhwgAiABNgIUIAJB8Rs2AhAgAkEGNgIMDL0BCyACQQA2AgAgBkEBaiEBQSQLOgApIAIoAgQhACACQQA2AgQgAiAAIAEQJyIARQRAQeUAIQMMowELIAJB+QA2AhwgAiABNgIUIAIgADYCDEEAIQMMuwELIABBFUcEQCACQQA2AhwgAiABNgIUIAJBzA42AhAgAkEgNgIMQQAhAwy7AQsgAkH4ADYCHCACIAE2AhQgAkHKGDYCECACQRU2AgxBACEDDLoBCyACQQA2AhwgAiABNgIUIAJBjhs2AhAgAkEGNgIMQQAhAwy5AQsgAkEANgIcIAIgATYCFCACQf4RNgIQIAJBBzYCDEEAIQMMuAELIAJBADYCHCACIAE2AhQgAkGMHDYCECACQQc2AgxBACEDDLcBCyACQQA2AhwgAiABNgIUIAJBww82AhAgAkEHNgIMQQAhAwy2AQsgAkEANgIcIAIgATYCFCACQcMPNgIQIAJBBzYCDEEAIQMMtQELIAIoAgQhACACQQA2AgQgAiAAIAEQJSIARQ0RIAJB5QA2AhwgAiABNgIUIAIgADYCDEEAIQMMtAELIAIoAgQhACACQQA2AgQgAiAAIAEQJSIARQ0gIAJB0wA2AhwgAiABNgIUIAIgADYCDEEAIQMMswELIAIoAgQhACACQQA2AgQgAiAAIAEQJSIARQ0iIAJB0gA2AhwgAiABNgIUIAIgADYCDEEAIQMMsgELIAIoAgQhACACQQA2AgQgAiAAIAEQJSIARQ0OIAJB5QA2AhwgAiABNgIUIAIgADYCDEEAIQMMsQELIAIoAgQhACACQQA2AgQgAiAAIAEQJSIARQ0dIAJB0wA2AhwgAiABNgIUIAIgADYCDEEAIQMMsAELIAIoAgQhACACQQA2AgQgAiAAIAEQJSIARQ0fIAJB0gA2AhwgAiABNgIUIAIgADYCDEEAIQMMrwELIABBP0cNASABQQFqCyEBQQUhAwyUAQtBACEDIAJBADYCHCACIAE2AhQgAkH9EjYCECACQQc2AgwMrAELIAJBADYCHCACIAE2AhQgAkHcCDYCECACQQc2AgxBACEDDKsBCyACKAIEIQAgAkEANgIEIAIgACABECUiAEUNByACQeUANgIcIAIgATYCFCACIAA2AgxBACEDDKoBCyACKAIEIQAgAkEANgIEIAIgACABECUiAEUNFiACQdMANgIcIAIgATYCFCACIAA2AgxBACEDDKkBCyACKAIEIQAgAkEANgIEIAIgACABECUiAEUNGCACQdIANgIcIAIgATYCFCACIAA2AgxBACEDDKgBCyACQQA2AhwgAiABNgIUIAJBxgo2AhAgAkEHNgIMQQAhAwynAQsgAigCBCEAIAJBADYCBCACIAAgARAlIgBFDQMgAkHlADYCHCACIAE2AhQgAiAANgIMQQAhAwymAQsgAigCBCEAIAJBADYCBCACIAAgARAlIgBFDRIgAkHTADYCHCACIAE2AhQgAiAANgIMQQAhAwylAQsgAigCBCEAIAJBADYCBCACIAAgARAlIgBFDRQgAkHSADYCHCACIAE2AhQgAiAANgIMQQAhAwykAQsgAigCBCEAIAJBADYCBCACIAAgARAlIgBFDQAgAkHlADYCHCACIAE2AhQgAiAANgIMQQAhAwyjAQtB1QAhAwyJAQsgAEEVRwRAIAJBADYCHCACIAE2AhQgAkG5DTYCECACQRo2AgxBACEDDKIBCyACQeQANgIcIAIgATYCFCACQeMXNgIQIAJBFTYCDEEAIQMMoQELIAJBADYCACAGQQFqIQEgAi0AKSIAQSNrQQtJDQQCQCAAQQZLDQBBASAAdEHKAHFFDQAMBQtBACEDIAJBADYCHCACIAE2AhQgAkH3CTYCECACQQg2AgwMoAELIAJBADYCACAGQQFqIQEgAi0AKUEhRg0DIAJBADYCHCACIAE2AhQgAkGbCjYCECACQQg2AgxBACEDDJ8BCyACQQA2AgALQQAhAyACQQA2AhwgAiABNgIUIAJBkDM2AhAgAkEINgIMDJ0BCyACQQA2AgAgBkEBaiEBIAItAClBI0kNACACQQA2AhwgAiABNgIUIAJB0wk2AhAgAkEINgIMQQAhAwycAQtB0QAhAwyCAQsgAS0AAEEwayIAQf8BcUEKSQRAIAIgADoAKiABQQFqIQFBzwAhAwyCAQsgAigCBCEAIAJBADYCBCACIAAgARAoIgBFDYYBIAJB3gA2AhwgAiABNgIUIAIgADYCDEEAIQMMmgELIAIoAgQhACACQQA2AgQgAiAAIAEQKCIARQ2GASACQdwANgIcIAIgATYCFCACIAA2AgxBACEDDJkBCyACKAIEIQAgAkEANgIEIAIgACAFECgiAEUEQCAFIQEMhwELIAJB2gA2AhwgAiAFNgIUIAIgADYCDAyYAQtBACEBQQEhAwsgAiADOgArIAVBAWohAwJAAkACQCACLQAtQRBxDQACQAJAAkAgAi0AKg4DAQACBAsgBkUNAwwCCyAADQEMAgsgAUUNAQsgAigCBCEAIAJBADYCBCACIAAgAxAoIgBFBEAgAyEBDAILIAJB2AA2AhwgAiADNgIUIAIgADYCDEEAIQMMmAELIAIoAgQhACACQQA2AgQgAiAAIAMQKCIARQRAIAMhAQyHAQsgAkHZADYCHCACIAM2AhQgAiAANgIMQQAhAwyXAQtBzAAhAwx9CyAAQRVHBEAgAkEANgIcIAIgATYCFCACQZQNNgIQIAJBITYCDEEAIQMMlgELIAJB1wA2AhwgAiABNgIUIAJByRc2AhAgAkEVNgIMQQAhAwyVAQtBACEDIAJBADYCHCACIAE2AhQgAkGAETYCECACQQk2AgwMlAELIAIoAgQhACACQQA2AgQgAiAAIAEQJSIARQ0AIAJB0wA2AhwgAiABNgIUIAIgADYCDEEAIQMMkwELQckAIQMMeQsgAkEANgIcIAIgATYCFCACQcEoNgIQIAJBBzYCDCACQQA2AgBBACEDDJEBCyACKAIEIQBBACEDIAJBADYCBCACIAAgARAlIgBFDQAgAkHSADYCHCACIAE2AhQgAiAANgIMDJABC0HIACEDDHYLIAJBADYCACAFIQELIAJBgBI7ASogAUEBaiEBQQAhAAJAIAIoAjgiA0UNACADKAIwIgNFDQAgAiADEQAAIQALIAANAQtBxwAhAwxzCyAAQRVGBEAgAkHRADYCHCACIAE2AhQgAkHjFzYCECACQRU2AgxBACEDDIwBC0EAIQMgAkEANgIcIAIgATYCFCACQbkNNgIQIAJBGjYCDAyLAQtBACEDIAJBADYCHCACIAE2AhQgAkGgGTYCECACQR42AgwMigELIAEtAABBOkYEQCACKAIEIQBBACEDIAJBADYCBCACIAAgARApIgBFDQEgAkHDADYCHCACIAA2AgwgAiABQQFqNgIUDIoBC0EAIQMgAkEANgIcIAIgATYCFCACQbERNgIQIAJBCjYCDAyJAQsgAUEBaiEBQTshAwxvCyACQcMANgIcIAIgADYCDCACIAFBAWo2AhQMhwELQQAhAyACQQA2AhwgAiABNgIUIAJB8A42AhAgAkEcNgIMDIYBCyACIAIvATBBEHI7ATAMZgsCQCACLwEwIgBBCHFFDQAgAi0AKEEBRw0AIAItAC1BCHFFDQMLIAIgAEH3+wNxQYAEcjsBMAwECyABIARHBEACQANAIAEtAABBMGsiAEH/AXFBCk8EQEE1IQMMbgsgAikDICIKQpmz5syZs+bMGVYNASACIApCCn4iCjcDICAKIACtQv8BgyILQn+FVg0BIAIgCiALfDcDICAEIAFBAWoiAUcNAAtBOSEDDIUBCyACKAIEIQBBACEDIAJBADYCBCACIAAgAUEBaiIBECoiAA0MDHcLQTkhAwyDAQsgAi0AMEEgcQ0GQcUBIQMMaQtBACEDIAJBADYCBCACIAEgARAqIgBFDQQgAkE6NgIcIAIgADYCDCACIAFBAWo2AhQMgQELIAItAChBAUcNACACLQAtQQhxRQ0BC0E3IQMMZgsgAigCBCEAQQAhAyACQQA2AgQgAiAAIAEQKiIABEAgAkE7NgIcIAIgADYCDCACIAFBAWo2AhQMfwsgAUEBaiEBDG4LIAJBCDoALAwECyABQQFqIQEMbQtBACEDIAJBADYCHCACIAE2AhQgAkHkEjYCECACQQQ2AgwMewsgAigCBCEAQQAhAyACQQA2AgQgAiAAIAEQKiIARQ1sIAJBNzYCHCACIAE2AhQgAiAANgIMDHoLIAIgAi8BMEEgcjsBMAtBMCEDDF8LIAJBNjYCHCACIAE2AhQgAiAANgIMDHcLIABBLEcNASABQQFqIQBBASEBAkACQAJAAkACQCACLQAsQQVrDgQDAQIEAAsgACEBDAQLQQIhAQwBC0EEIQELIAJBAToALCACIAIvATAgAXI7ATAgACEBDAELIAIgAi8BMEEIcjsBMCAAIQELQTkhAwxcCyACQQA6ACwLQTQhAwxaCyABIARGBEBBLSEDDHMLAkACQANAAkAgAS0AAEEKaw4EAgAAAwALIAQgAUEBaiIBRw0AC0EtIQMMdAsgAigCBCEAQQAhAyACQQA2AgQgAiAAIAEQKiIARQ0CIAJBLDYCHCACIAE2AhQgAiAANgIMDHMLIAIoAgQhAEEAIQMgAkEANgIEIAIgACABECoiAEUEQCABQQFqIQEMAgsgAkEsNgIcIAIgADYCDCACIAFBAWo2AhQMcgsgAS0AAEENRgRAIAIoAgQhAEEAIQMgAkEANgIEIAIgACABECoiAEUEQCABQQFqIQEMAgsgAkEsNgIcIAIgADYCDCACIAFBAWo2AhQMcgsgAi0ALUEBcQRAQcQBIQMMWQsgAigCBCEAQQAhAyACQQA2AgQgAiAAIAEQKiIADQEMZQtBLyEDDFcLIAJBLjYCHCACIAE2AhQgAiAANgIMDG8LQQAhAyACQQA2AhwgAiABNgIUIAJB8BQ2AhAgAkEDNgIMDG4LQQEhAwJAAkACQAJAIAItACxBBWsOBAMBAgAECyACIAIvATBBCHI7ATAMAwtBAiEDDAELQQQhAwsgAkEBOgAsIAIgAi8BMCADcjsBMAtBKiEDDFMLQQAhAyACQQA2AhwgAiABNgIUIAJB4Q82AhAgAkEKNgIMDGsLQQEhAwJAAkACQAJAAkACQCACLQAsQQJrDgcFBAQDAQIABAsgAiACLwEwQQhyOwEwDAMLQQIhAwwBC0EEIQMLIAJBAToALCACIAIvATAgA3I7ATALQSshAwxSC0EAIQMgAkEANgIcIAIgATYCFCACQasSNgIQIAJBCzYCDAxqC0EAIQMgAkEANgIcIAIgATYCFCACQf0NNgIQIAJBHTYCDAxpCyABIARHBEADQCABLQAAQSBHDUggBCABQQFqIgFHDQALQSUhAwxpC0ElIQMMaAsgAi0ALUEBcQRAQcMBIQMMTwsgAigCBCEAQQAhAyACQQA2AgQgAiAAIAEQKSIABEAgAkEmNgIcIAIgADYCDCACIAFBAWo2AhQMaAsgAUEBaiEBDFwLIAFBAWohASACLwEwIgBBgAFxBEBBACEAAkAgAigCOCIDRQ0AIAMoAlQiA0UNACACIAMRAAAhAAsgAEUNBiAAQRVHDR8gAkEFNgIcIAIgATYCFCACQfkXNgIQIAJBFTYCDEEAIQMMZwsCQCAAQaAEcUGgBEcNACACLQAtQQJxDQBBACEDIAJBADYCHCACIAE2AhQgAkGWEzYCECACQQQ2AgwMZwsgAgJ/IAIvATBBFHFBFEYEQEEBIAItAChBAUYNARogAi8BMkHlAEYMAQsgAi0AKUEFRgs6AC5BACEAAkAgAigCOCIDRQ0AIAMoAiQiA0UNACACIAMRAAAhAAsCQAJAAkACQAJAIAAOFgIBAAQEBAQEBAQEBAQEBAQEBAQEBAMECyACQQE6AC4LIAIgAi8BMEHAAHI7ATALQSchAwxPCyACQSM2AhwgAiABNgIUIAJBpRY2AhAgAkEVNgIMQQAhAwxnC0EAIQMgAkEANgIcIAIgATYCFCACQdULNgIQIAJBETYCDAxmC0EAIQACQCACKAI4IgNFDQAgAygCLCIDRQ0AIAIgAxEAACEACyAADQELQQ4hAwxLCyAAQRVGBEAgAkECNgIcIAIgATYCFCACQbAYNgIQIAJBFTYCDEEAIQMMZAtBACEDIAJBADYCHCACIAE2AhQgAkGnDjYCECACQRI2AgwMYwtBACEDIAJBADYCHCACIAE2AhQgAkGqHDYCECACQQ82AgwMYgsgAigCBCEAQQAhAyACQQA2AgQgAiAAIAEgCqdqIgEQKyIARQ0AIAJBBTYCHCACIAE2AhQgAiAANgIMDGELQQ8hAwxHC0EAIQMgAkEANgIcIAIgATYCFCACQc0TNgIQIAJBDDYCDAxfC0IBIQoLIAFBAWohAQJAIAIpAyAiC0L//////////w9YBEAgAiALQgSGIAqENwMgDAELQQAhAyACQQA2AhwgAiABNgIUIAJBrQk2AhAgAkEMNgIMDF4LQSQhAwxEC0EAIQMgAkEANgIcIAIgATYCFCACQc0TNgIQIAJBDDYCDAxcCyACKAIEIQBBACEDIAJBADYCBCACIAAgARAsIgBFBEAgAUEBaiEBDFILIAJBFzYCHCACIAA2AgwgAiABQQFqNgIUDFsLIAIoAgQhAEEAIQMgAkEANgIEAkAgAiAAIAEQLCIARQRAIAFBAWohAQwBCyACQRY2AhwgAiAANgIMIAIgAUEBajYCFAxbC0EfIQMMQQtBACEDIAJBADYCHCACIAE2AhQgAkGaDzYCECACQSI2AgwMWQsgAigCBCEAQQAhAyACQQA2AgQgAiAAIAEQLSIARQRAIAFBAWohAQxQCyACQRQ2AhwgAiAANgIMIAIgAUEBajYCFAxYCyACKAIEIQBBACEDIAJBADYCBAJAIAIgACABEC0iAEUEQCABQQFqIQEMAQsgAkETNgIcIAIgADYCDCACIAFBAWo2AhQMWAtBHiEDDD4LQQAhAyACQQA2AhwgAiABNgIUIAJBxgw2AhAgAkEjNgIMDFYLIAIoAgQhAEEAIQMgAkEANgIEIAIgACABEC0iAEUEQCABQQFqIQEMTgsgAkERNgIcIAIgADYCDCACIAFBAWo2AhQMVQsgAkEQNgIcIAIgATYCFCACIAA2AgwMVAtBACEDIAJBADYCHCACIAE2AhQgAkHGDDYCECACQSM2AgwMUwtBACEDIAJBADYCHCACIAE2AhQgAkHAFTYCECACQQI2AgwMUgsgAigCBCEAQQAhAyACQQA2AgQCQCACIAAgARAtIgBFBEAgAUEBaiEBDAELIAJBDjYCHCACIAA2AgwgAiABQQFqNgIUDFILQRshAww4C0EAIQMgAkEANgIcIAIgATYCFCACQcYMNgIQIAJBIzYCDAxQCyACKAIEIQBBACEDIAJBADYCBAJAIAIgACABECwiAEUEQCABQQFqIQEMAQsgAkENNgIcIAIgADYCDCACIAFBAWo2AhQMUAtBGiEDDDYLQQAhAyACQQA2AhwgAiABNgIUIAJBmg82AhAgAkEiNgIMDE4LIAIoAgQhAEEAIQMgAkEANgIEAkAgAiAAIAEQLCIARQRAIAFBAWohAQwBCyACQQw2AhwgAiAANgIMIAIgAUEBajYCFAxOC0EZIQMMNAtBACEDIAJBADYCHCACIAE2AhQgAkGaDzYCECACQSI2AgwMTAsgAEEVRwRAQQAhAyACQQA2AhwgAiABNgIUIAJBgww2AhAgAkETNgIMDEwLIAJBCjYCHCACIAE2AhQgAkHkFjYCECACQRU2AgxBACEDDEsLIAIoAgQhAEEAIQMgAkEANgIEIAIgACABIAqnaiIBECsiAARAIAJBBzYCHCACIAE2AhQgAiAANgIMDEsLQRMhAwwxCyAAQRVHBEBBACEDIAJBADYCHCACIAE2AhQgAkHaDTYCECACQRQ2AgwMSgsgAkEeNgIcIAIgATYCFCACQfkXNgIQIAJBFTYCDEEAIQMMSQtBACEAAkAgAigCOCIDRQ0AIAMoAiwiA0UNACACIAMRAAAhAAsgAEUNQSAAQRVGBEAgAkEDNgIcIAIgATYCFCACQbAYNgIQIAJBFTYCDEEAIQMMSQtBACEDIAJBADYCHCACIAE2AhQgAkGnDjYCECACQRI2AgwMSAtBACEDIAJBADYCHCACIAE2AhQgAkHaDTYCECACQRQ2AgwMRwtBACEDIAJBADYCHCACIAE2AhQgAkGnDjYCECACQRI2AgwMRgsgAkEAOgAvIAItAC1BBHFFDT8LIAJBADoALyACQQE6ADRBACEDDCsLQQAhAyACQQA2AhwgAkHkETYCECACQQc2AgwgAiABQQFqNgIUDEMLAkADQAJAIAEtAABBCmsOBAACAgACCyAEIAFBAWoiAUcNAAtB3QEhAwxDCwJAAkAgAi0ANEEBRw0AQQAhAAJAIAIoAjgiA0UNACADKAJYIgNFDQAgAiADEQAAIQALIABFDQAgAEEVRw0BIAJB3AE2AhwgAiABNgIUIAJB1RY2AhAgAkEVNgIMQQAhAwxEC0HBASEDDCoLIAJBADYCHCACIAE2AhQgAkHpCzYCECACQR82AgxBACEDDEILAkACQCACLQAoQQFrDgIEAQALQcABIQMMKQtBuQEhAwwoCyACQQI6AC9BACEAAkAgAigCOCIDRQ0AIAMoAgAiA0UNACACIAMRAAAhAAsgAEUEQEHCASEDDCgLIABBFUcEQCACQQA2AhwgAiABNgIUIAJBpAw2AhAgAkEQNgIMQQAhAwxBCyACQdsBNgIcIAIgATYCFCACQfoWNgIQIAJBFTYCDEEAIQMMQAsgASAERgRAQdoBIQMMQAsgAS0AAEHIAEYNASACQQE6ACgLQawBIQMMJQtBvwEhAwwkCyABIARHBEAgAkEQNgIIIAIgATYCBEG+ASEDDCQLQdkBIQMMPAsgASAERgRAQdgBIQMMPAsgAS0AAEHIAEcNBCABQQFqIQFBvQEhAwwiCyABIARGBEBB1wEhAww7CwJAAkAgAS0AAEHFAGsOEAAFBQUFBQUFBQUFBQUFBQEFCyABQQFqIQFBuwEhAwwiCyABQQFqIQFBvAEhAwwhC0HWASEDIAEgBEYNOSACKAIAIgAgBCABa2ohBSABIABrQQJqIQYCQANAIAEtAAAgAEGD0ABqLQAARw0DIABBAkYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAw6CyACKAIEIQAgAkIANwMAIAIgACAGQQFqIgEQJyIARQRAQcYBIQMMIQsgAkHVATYCHCACIAE2AhQgAiAANgIMQQAhAww5C0HUASEDIAEgBEYNOCACKAIAIgAgBCABa2ohBSABIABrQQFqIQYCQANAIAEtAAAgAEGB0ABqLQAARw0CIABBAUYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAw5CyACQYEEOwEoIAIoAgQhACACQgA3AwAgAiAAIAZBAWoiARAnIgANAwwCCyACQQA2AgALQQAhAyACQQA2AhwgAiABNgIUIAJB2Bs2AhAgAkEINgIMDDYLQboBIQMMHAsgAkHTATYCHCACIAE2AhQgAiAANgIMQQAhAww0C0EAIQACQCACKAI4IgNFDQAgAygCOCIDRQ0AIAIgAxEAACEACyAARQ0AIABBFUYNASACQQA2AhwgAiABNgIUIAJBzA42AhAgAkEgNgIMQQAhAwwzC0HkACEDDBkLIAJB+AA2AhwgAiABNgIUIAJByhg2AhAgAkEVNgIMQQAhAwwxC0HSASEDIAQgASIARg0wIAQgAWsgAigCACIBaiEFIAAgAWtBBGohBgJAA0AgAC0AACABQfzPAGotAABHDQEgAUEERg0DIAFBAWohASAEIABBAWoiAEcNAAsgAiAFNgIADDELIAJBADYCHCACIAA2AhQgAkGQMzYCECACQQg2AgwgAkEANgIAQQAhAwwwCyABIARHBEAgAkEONgIIIAIgATYCBEG3ASEDDBcLQdEBIQMMLwsgAkEANgIAIAZBAWohAQtBuAEhAwwUCyABIARGBEBB0AEhAwwtCyABLQAAQTBrIgBB/wFxQQpJBEAgAiAAOgAqIAFBAWohAUG2ASEDDBQLIAIoAgQhACACQQA2AgQgAiAAIAEQKCIARQ0UIAJBzwE2AhwgAiABNgIUIAIgADYCDEEAIQMMLAsgASAERgRAQc4BIQMMLAsCQCABLQAAQS5GBEAgAUEBaiEBDAELIAIoAgQhACACQQA2AgQgAiAAIAEQKCIARQ0VIAJBzQE2AhwgAiABNgIUIAIgADYCDEEAIQMMLAtBtQEhAwwSCyAEIAEiBUYEQEHMASEDDCsLQQAhAEEBIQFBASEGQQAhAwJAAkACQAJAAkACfwJAAkACQAJAAkACQAJAIAUtAABBMGsOCgoJAAECAwQFBggLC0ECDAYLQQMMBQtBBAwEC0EFDAMLQQYMAgtBBwwBC0EICyEDQQAhAUEAIQYMAgtBCSEDQQEhAEEAIQFBACEGDAELQQAhAUEBIQMLIAIgAzoAKyAFQQFqIQMCQAJAIAItAC1BEHENAAJAAkACQCACLQAqDgMBAAIECyAGRQ0DDAILIAANAQwCCyABRQ0BCyACKAIEIQAgAkEANgIEIAIgACADECgiAEUEQCADIQEMAwsgAkHJATYCHCACIAM2AhQgAiAANgIMQQAhAwwtCyACKAIEIQAgAkEANgIEIAIgACADECgiAEUEQCADIQEMGAsgAkHKATYCHCACIAM2AhQgAiAANgIMQQAhAwwsCyACKAIEIQAgAkEANgIEIAIgACAFECgiAEUEQCAFIQEMFgsgAkHLATYCHCACIAU2AhQgAiAANgIMDCsLQbQBIQMMEQtBACEAAkAgAigCOCIDRQ0AIAMoAjwiA0UNACACIAMRAAAhAAsCQCAABEAgAEEVRg0BIAJBADYCHCACIAE2AhQgAkGUDTYCECACQSE2AgxBACEDDCsLQbIBIQMMEQsgAkHIATYCHCACIAE2AhQgAkHJFzYCECACQRU2AgxBACEDDCkLIAJBADYCACAGQQFqIQFB9QAhAwwPCyACLQApQQVGBEBB4wAhAwwPC0HiACEDDA4LIAAhASACQQA2AgALIAJBADoALEEJIQMMDAsgAkEANgIAIAdBAWohAUHAACEDDAsLQQELOgAsIAJBADYCACAGQQFqIQELQSkhAwwIC0E4IQMMBwsCQCABIARHBEADQCABLQAAQYA+ai0AACIAQQFHBEAgAEECRw0DIAFBAWohAQwFCyAEIAFBAWoiAUcNAAtBPiEDDCELQT4hAwwgCwsgAkEAOgAsDAELQQshAwwEC0E6IQMMAwsgAUEBaiEBQS0hAwwCCyACIAE6ACwgAkEANgIAIAZBAWohAUEMIQMMAQsgAkEANgIAIAZBAWohAUEKIQMMAAsAC0EAIQMgAkEANgIcIAIgATYCFCACQc0QNgIQIAJBCTYCDAwXC0EAIQMgAkEANgIcIAIgATYCFCACQekKNgIQIAJBCTYCDAwWC0EAIQMgAkEANgIcIAIgATYCFCACQbcQNgIQIAJBCTYCDAwVC0EAIQMgAkEANgIcIAIgATYCFCACQZwRNgIQIAJBCTYCDAwUC0EAIQMgAkEANgIcIAIgATYCFCACQc0QNgIQIAJBCTYCDAwTC0EAIQMgAkEANgIcIAIgATYCFCACQekKNgIQIAJBCTYCDAwSC0EAIQMgAkEANgIcIAIgATYCFCACQbcQNgIQIAJBCTYCDAwRC0EAIQMgAkEANgIcIAIgATYCFCACQZwRNgIQIAJBCTYCDAwQC0EAIQMgAkEANgIcIAIgATYCFCACQZcVNgIQIAJBDzYCDAwPC0EAIQMgAkEANgIcIAIgATYCFCACQZcVNgIQIAJBDzYCDAwOC0EAIQMgAkEANgIcIAIgATYCFCACQcASNgIQIAJBCzYCDAwNC0EAIQMgAkEANgIcIAIgATYCFCACQZUJNgIQIAJBCzYCDAwMC0EAIQMgAkEANgIcIAIgATYCFCACQeEPNgIQIAJBCjYCDAwLC0EAIQMgAkEANgIcIAIgATYCFCACQfsPNgIQIAJBCjYCDAwKC0EAIQMgAkEANgIcIAIgATYCFCACQfEZNgIQIAJBAjYCDAwJC0EAIQMgAkEANgIcIAIgATYCFCACQcQUNgIQIAJBAjYCDAwIC0EAIQMgAkEANgIcIAIgATYCFCACQfIVNgIQIAJBAjYCDAwHCyACQQI2AhwgAiABNgIUIAJBnBo2AhAgAkEWNgIMQQAhAwwGC0EBIQMMBQtB1AAhAyABIARGDQQgCEEIaiEJIAIoAgAhBQJAAkAgASAERwRAIAVB2MIAaiEHIAQgBWogAWshACAFQX9zQQpqIgUgAWohBgNAIAEtAAAgBy0AAEcEQEECIQcMAwsgBUUEQEEAIQcgBiEBDAMLIAVBAWshBSAHQQFqIQcgBCABQQFqIgFHDQALIAAhBSAEIQELIAlBATYCACACIAU2AgAMAQsgAkEANgIAIAkgBzYCAAsgCSABNgIEIAgoAgwhACAIKAIIDgMBBAIACwALIAJBADYCHCACQbUaNgIQIAJBFzYCDCACIABBAWo2AhRBACEDDAILIAJBADYCHCACIAA2AhQgAkHKGjYCECACQQk2AgxBACEDDAELIAEgBEYEQEEiIQMMAQsgAkEJNgIIIAIgATYCBEEhIQMLIAhBEGokACADRQRAIAIoAgwhAAwBCyACIAM2AhxBACEAIAIoAgQiAUUNACACIAEgBCACKAIIEQEAIgFFDQAgAiAENgIUIAIgATYCDCABIQALIAALvgIBAn8gAEEAOgAAIABB3ABqIgFBAWtBADoAACAAQQA6AAIgAEEAOgABIAFBA2tBADoAACABQQJrQQA6AAAgAEEAOgADIAFBBGtBADoAAEEAIABrQQNxIgEgAGoiAEEANgIAQdwAIAFrQXxxIgIgAGoiAUEEa0EANgIAAkAgAkEJSQ0AIABBADYCCCAAQQA2AgQgAUEIa0EANgIAIAFBDGtBADYCACACQRlJDQAgAEEANgIYIABBADYCFCAAQQA2AhAgAEEANgIMIAFBEGtBADYCACABQRRrQQA2AgAgAUEYa0EANgIAIAFBHGtBADYCACACIABBBHFBGHIiAmsiAUEgSQ0AIAAgAmohAANAIABCADcDGCAAQgA3AxAgAEIANwMIIABCADcDACAAQSBqIQAgAUEgayIBQR9LDQALCwtWAQF/AkAgACgCDA0AAkACQAJAAkAgAC0ALw4DAQADAgsgACgCOCIBRQ0AIAEoAiwiAUUNACAAIAERAAAiAQ0DC0EADwsACyAAQcMWNgIQQQ4hAQsgAQsaACAAKAIMRQRAIABB0Rs2AhAgAEEVNgIMCwsUACAAKAIMQRVGBEAgAEEANgIMCwsUACAAKAIMQRZGBEAgAEEANgIMCwsHACAAKAIMCwcAIAAoAhALCQAgACABNgIQCwcAIAAoAhQLFwAgAEEkTwRAAAsgAEECdEGgM2ooAgALFwAgAEEuTwRAAAsgAEECdEGwNGooAgALvwkBAX9B6yghAQJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAIABB5ABrDvQDY2IAAWFhYWFhYQIDBAVhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhBgcICQoLDA0OD2FhYWFhEGFhYWFhYWFhYWFhEWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYRITFBUWFxgZGhthYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhHB0eHyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2YTc4OTphYWFhYWFhYTthYWE8YWFhYT0+P2FhYWFhYWFhQGFhQWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYUJDREVGR0hJSktMTU5PUFFSU2FhYWFhYWFhVFVWV1hZWlthXF1hYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFeYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhX2BhC0HhJw8LQaQhDwtByywPC0H+MQ8LQcAkDwtBqyQPC0GNKA8LQeImDwtBgDAPC0G5Lw8LQdckDwtB7x8PC0HhHw8LQfofDwtB8iAPC0GoLw8LQa4yDwtBiDAPC0HsJw8LQYIiDwtBjh0PC0HQLg8LQcojDwtBxTIPC0HfHA8LQdIcDwtBxCAPC0HXIA8LQaIfDwtB7S4PC0GrMA8LQdQlDwtBzC4PC0H6Lg8LQfwrDwtB0jAPC0HxHQ8LQbsgDwtB9ysPC0GQMQ8LQdcxDwtBoi0PC0HUJw8LQeArDwtBnywPC0HrMQ8LQdUfDwtByjEPC0HeJQ8LQdQeDwtB9BwPC0GnMg8LQbEdDwtBoB0PC0G5MQ8LQbwwDwtBkiEPC0GzJg8LQeksDwtBrB4PC0HUKw8LQfcmDwtBgCYPC0GwIQ8LQf4eDwtBjSMPC0GJLQ8LQfciDwtBoDEPC0GuHw8LQcYlDwtB6B4PC0GTIg8LQcIvDwtBwx0PC0GLLA8LQeEdDwtBjS8PC0HqIQ8LQbQtDwtB0i8PC0HfMg8LQdIyDwtB8DAPC0GpIg8LQfkjDwtBmR4PC0G1LA8LQZswDwtBkjIPC0G2Kw8LQcIiDwtB+DIPC0GeJQ8LQdAiDwtBuh4PC0GBHg8LAAtB1iEhAQsgAQsWACAAIAAtAC1B/gFxIAFBAEdyOgAtCxkAIAAgAC0ALUH9AXEgAUEAR0EBdHI6AC0LGQAgACAALQAtQfsBcSABQQBHQQJ0cjoALQsZACAAIAAtAC1B9wFxIAFBAEdBA3RyOgAtCz4BAn8CQCAAKAI4IgNFDQAgAygCBCIDRQ0AIAAgASACIAFrIAMRAQAiBEF/Rw0AIABBxhE2AhBBGCEECyAECz4BAn8CQCAAKAI4IgNFDQAgAygCCCIDRQ0AIAAgASACIAFrIAMRAQAiBEF/Rw0AIABB9go2AhBBGCEECyAECz4BAn8CQCAAKAI4IgNFDQAgAygCDCIDRQ0AIAAgASACIAFrIAMRAQAiBEF/Rw0AIABB7Ro2AhBBGCEECyAECz4BAn8CQCAAKAI4IgNFDQAgAygCECIDRQ0AIAAgASACIAFrIAMRAQAiBEF/Rw0AIABBlRA2AhBBGCEECyAECz4BAn8CQCAAKAI4IgNFDQAgAygCFCIDRQ0AIAAgASACIAFrIAMRAQAiBEF/Rw0AIABBqhs2AhBBGCEECyAECz4BAn8CQCAAKAI4IgNFDQAgAygCGCIDRQ0AIAAgASACIAFrIAMRAQAiBEF/Rw0AIABB7RM2AhBBGCEECyAECz4BAn8CQCAAKAI4IgNFDQAgAygCKCIDRQ0AIAAgASACIAFrIAMRAQAiBEF/Rw0AIABB9gg2AhBBGCEECyAECz4BAn8CQCAAKAI4IgNFDQAgAygCHCIDRQ0AIAAgASACIAFrIAMRAQAiBEF/Rw0AIABBwhk2AhBBGCEECyAECz4BAn8CQCAAKAI4IgNFDQAgAygCICIDRQ0AIAAgASACIAFrIAMRAQAiBEF/Rw0AIABBlBQ2AhBBGCEECyAEC1kBAn8CQCAALQAoQQFGDQAgAC8BMiIBQeQAa0HkAEkNACABQcwBRg0AIAFBsAJGDQAgAC8BMCIAQcAAcQ0AQQEhAiAAQYgEcUGABEYNACAAQShxRSECCyACC4wBAQJ/AkACQAJAIAAtACpFDQAgAC0AK0UNACAALwEwIgFBAnFFDQEMAgsgAC8BMCIBQQFxRQ0BC0EBIQIgAC0AKEEBRg0AIAAvATIiAEHkAGtB5ABJDQAgAEHMAUYNACAAQbACRg0AIAFBwABxDQBBACECIAFBiARxQYAERg0AIAFBKHFBAEchAgsgAgtXACAAQRhqQgA3AwAgAEIANwMAIABBOGpCADcDACAAQTBqQgA3AwAgAEEoakIANwMAIABBIGpCADcDACAAQRBqQgA3AwAgAEEIakIANwMAIABB3QE2AhwLBgAgABAyC5otAQt/IwBBEGsiCiQAQaTQACgCACIJRQRAQeTTACgCACIFRQRAQfDTAEJ/NwIAQejTAEKAgISAgIDAADcCAEHk0wAgCkEIakFwcUHYqtWqBXMiBTYCAEH40wBBADYCAEHI0wBBADYCAAtBzNMAQYDUBDYCAEGc0ABBgNQENgIAQbDQACAFNgIAQazQAEF/NgIAQdDTAEGArAM2AgADQCABQcjQAGogAUG80ABqIgI2AgAgAiABQbTQAGoiAzYCACABQcDQAGogAzYCACABQdDQAGogAUHE0ABqIgM2AgAgAyACNgIAIAFB2NAAaiABQczQAGoiAjYCACACIAM2AgAgAUHU0ABqIAI2AgAgAUEgaiIBQYACRw0AC0GM1ARBwasDNgIAQajQAEH00wAoAgA2AgBBmNAAQcCrAzYCAEGk0ABBiNQENgIAQcz/B0E4NgIAQYjUBCEJCwJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAIABB7AFNBEBBjNAAKAIAIgZBECAAQRNqQXBxIABBC0kbIgRBA3YiAHYiAUEDcQRAAkAgAUEBcSAAckEBcyICQQN0IgBBtNAAaiIBIABBvNAAaigCACIAKAIIIgNGBEBBjNAAIAZBfiACd3E2AgAMAQsgASADNgIIIAMgATYCDAsgAEEIaiEBIAAgAkEDdCICQQNyNgIEIAAgAmoiACAAKAIEQQFyNgIEDBELQZTQACgCACIIIARPDQEgAQRAAkBBAiAAdCICQQAgAmtyIAEgAHRxaCIAQQN0IgJBtNAAaiIBIAJBvNAAaigCACICKAIIIgNGBEBBjNAAIAZBfiAAd3EiBjYCAAwBCyABIAM2AgggAyABNgIMCyACIARBA3I2AgQgAEEDdCIAIARrIQUgACACaiAFNgIAIAIgBGoiBCAFQQFyNgIEIAgEQCAIQXhxQbTQAGohAEGg0AAoAgAhAwJ/QQEgCEEDdnQiASAGcUUEQEGM0AAgASAGcjYCACAADAELIAAoAggLIgEgAzYCDCAAIAM2AgggAyAANgIMIAMgATYCCAsgAkEIaiEBQaDQACAENgIAQZTQACAFNgIADBELQZDQACgCACILRQ0BIAtoQQJ0QbzSAGooAgAiACgCBEF4cSAEayEFIAAhAgNAAkAgAigCECIBRQRAIAJBFGooAgAiAUUNAQsgASgCBEF4cSAEayIDIAVJIQIgAyAFIAIbIQUgASAAIAIbIQAgASECDAELCyAAKAIYIQkgACgCDCIDIABHBEBBnNAAKAIAGiADIAAoAggiATYCCCABIAM2AgwMEAsgAEEUaiICKAIAIgFFBEAgACgCECIBRQ0DIABBEGohAgsDQCACIQcgASIDQRRqIgIoAgAiAQ0AIANBEGohAiADKAIQIgENAAsgB0EANgIADA8LQX8hBCAAQb9/Sw0AIABBE2oiAUFwcSEEQZDQACgCACIIRQ0AQQAgBGshBQJAAkACQAJ/QQAgBEGAAkkNABpBHyAEQf///wdLDQAaIARBJiABQQh2ZyIAa3ZBAXEgAEEBdGtBPmoLIgZBAnRBvNIAaigCACICRQRAQQAhAUEAIQMMAQtBACEBIARBGSAGQQF2a0EAIAZBH0cbdCEAQQAhAwNAAkAgAigCBEF4cSAEayIHIAVPDQAgAiEDIAciBQ0AQQAhBSACIQEMAwsgASACQRRqKAIAIgcgByACIABBHXZBBHFqQRBqKAIAIgJGGyABIAcbIQEgAEEBdCEAIAINAAsLIAEgA3JFBEBBACEDQQIgBnQiAEEAIABrciAIcSIARQ0DIABoQQJ0QbzSAGooAgAhAQsgAUUNAQsDQCABKAIEQXhxIARrIgIgBUkhACACIAUgABshBSABIAMgABshAyABKAIQIgAEfyAABSABQRRqKAIACyIBDQALCyADRQ0AIAVBlNAAKAIAIARrTw0AIAMoAhghByADIAMoAgwiAEcEQEGc0AAoAgAaIAAgAygCCCIBNgIIIAEgADYCDAwOCyADQRRqIgIoAgAiAUUEQCADKAIQIgFFDQMgA0EQaiECCwNAIAIhBiABIgBBFGoiAigCACIBDQAgAEEQaiECIAAoAhAiAQ0ACyAGQQA2AgAMDQtBlNAAKAIAIgMgBE8EQEGg0AAoAgAhAQJAIAMgBGsiAkEQTwRAIAEgBGoiACACQQFyNgIEIAEgA2ogAjYCACABIARBA3I2AgQMAQsgASADQQNyNgIEIAEgA2oiACAAKAIEQQFyNgIEQQAhAEEAIQILQZTQACACNgIAQaDQACAANgIAIAFBCGohAQwPC0GY0AAoAgAiAyAESwRAIAQgCWoiACADIARrIgFBAXI2AgRBpNAAIAA2AgBBmNAAIAE2AgAgCSAEQQNyNgIEIAlBCGohAQwPC0EAIQEgBAJ/QeTTACgCAARAQezTACgCAAwBC0Hw0wBCfzcCAEHo0wBCgICEgICAwAA3AgBB5NMAIApBDGpBcHFB2KrVqgVzNgIAQfjTAEEANgIAQcjTAEEANgIAQYCABAsiACAEQccAaiIFaiIGQQAgAGsiB3EiAk8EQEH80wBBMDYCAAwPCwJAQcTTACgCACIBRQ0AQbzTACgCACIIIAJqIQAgACABTSAAIAhLcQ0AQQAhAUH80wBBMDYCAAwPC0HI0wAtAABBBHENBAJAAkAgCQRAQczTACEBA0AgASgCACIAIAlNBEAgACABKAIEaiAJSw0DCyABKAIIIgENAAsLQQAQMyIAQX9GDQUgAiEGQejTACgCACIBQQFrIgMgAHEEQCACIABrIAAgA2pBACABa3FqIQYLIAQgBk8NBSAGQf7///8HSw0FQcTTACgCACIDBEBBvNMAKAIAIgcgBmohASABIAdNDQYgASADSw0GCyAGEDMiASAARw0BDAcLIAYgA2sgB3EiBkH+////B0sNBCAGEDMhACAAIAEoAgAgASgCBGpGDQMgACEBCwJAIAYgBEHIAGpPDQAgAUF/Rg0AQezTACgCACIAIAUgBmtqQQAgAGtxIgBB/v///wdLBEAgASEADAcLIAAQM0F/RwRAIAAgBmohBiABIQAMBwtBACAGaxAzGgwECyABIgBBf0cNBQwDC0EAIQMMDAtBACEADAoLIABBf0cNAgtByNMAQcjTACgCAEEEcjYCAAsgAkH+////B0sNASACEDMhAEEAEDMhASAAQX9GDQEgAUF/Rg0BIAAgAU8NASABIABrIgYgBEE4ak0NAQtBvNMAQbzTACgCACAGaiIBNgIAQcDTACgCACABSQRAQcDTACABNgIACwJAAkACQEGk0AAoAgAiAgRAQczTACEBA0AgACABKAIAIgMgASgCBCIFakYNAiABKAIIIgENAAsMAgtBnNAAKAIAIgFBAEcgACABT3FFBEBBnNAAIAA2AgALQQAhAUHQ0wAgBjYCAEHM0wAgADYCAEGs0ABBfzYCAEGw0ABB5NMAKAIANgIAQdjTAEEANgIAA0AgAUHI0ABqIAFBvNAAaiICNgIAIAIgAUG00ABqIgM2AgAgAUHA0ABqIAM2AgAgAUHQ0ABqIAFBxNAAaiIDNgIAIAMgAjYCACABQdjQAGogAUHM0ABqIgI2AgAgAiADNgIAIAFB1NAAaiACNgIAIAFBIGoiAUGAAkcNAAtBeCAAa0EPcSIBIABqIgIgBkE4ayIDIAFrIgFBAXI2AgRBqNAAQfTTACgCADYCAEGY0AAgATYCAEGk0AAgAjYCACAAIANqQTg2AgQMAgsgACACTQ0AIAIgA0kNACABKAIMQQhxDQBBeCACa0EPcSIAIAJqIgNBmNAAKAIAIAZqIgcgAGsiAEEBcjYCBCABIAUgBmo2AgRBqNAAQfTTACgCADYCAEGY0AAgADYCAEGk0AAgAzYCACACIAdqQTg2AgQMAQsgAEGc0AAoAgBJBEBBnNAAIAA2AgALIAAgBmohA0HM0wAhAQJAAkACQANAIAMgASgCAEcEQCABKAIIIgENAQwCCwsgAS0ADEEIcUUNAQtBzNMAIQEDQCABKAIAIgMgAk0EQCADIAEoAgRqIgUgAksNAwsgASgCCCEBDAALAAsgASAANgIAIAEgASgCBCAGajYCBCAAQXggAGtBD3FqIgkgBEEDcjYCBCADQXggA2tBD3FqIgYgBCAJaiIEayEBIAIgBkYEQEGk0AAgBDYCAEGY0ABBmNAAKAIAIAFqIgA2AgAgBCAAQQFyNgIEDAgLQaDQACgCACAGRgRAQaDQACAENgIAQZTQAEGU0AAoAgAgAWoiADYCACAEIABBAXI2AgQgACAEaiAANgIADAgLIAYoAgQiBUEDcUEBRw0GIAVBeHEhCCAFQf8BTQRAIAVBA3YhAyAGKAIIIgAgBigCDCICRgRAQYzQAEGM0AAoAgBBfiADd3E2AgAMBwsgAiAANgIIIAAgAjYCDAwGCyAGKAIYIQcgBiAGKAIMIgBHBEAgACAGKAIIIgI2AgggAiAANgIMDAULIAZBFGoiAigCACIFRQRAIAYoAhAiBUUNBCAGQRBqIQILA0AgAiEDIAUiAEEUaiICKAIAIgUNACAAQRBqIQIgACgCECIFDQALIANBADYCAAwEC0F4IABrQQ9xIgEgAGoiByAGQThrIgMgAWsiAUEBcjYCBCAAIANqQTg2AgQgAiAFQTcgBWtBD3FqQT9rIgMgAyACQRBqSRsiA0EjNgIEQajQAEH00wAoAgA2AgBBmNAAIAE2AgBBpNAAIAc2AgAgA0EQakHU0wApAgA3AgAgA0HM0wApAgA3AghB1NMAIANBCGo2AgBB0NMAIAY2AgBBzNMAIAA2AgBB2NMAQQA2AgAgA0EkaiEBA0AgAUEHNgIAIAUgAUEEaiIBSw0ACyACIANGDQAgAyADKAIEQX5xNgIEIAMgAyACayIFNgIAIAIgBUEBcjYCBCAFQf8BTQRAIAVBeHFBtNAAaiEAAn9BjNAAKAIAIgFBASAFQQN2dCIDcUUEQEGM0AAgASADcjYCACAADAELIAAoAggLIgEgAjYCDCAAIAI2AgggAiAANgIMIAIgATYCCAwBC0EfIQEgBUH///8HTQRAIAVBJiAFQQh2ZyIAa3ZBAXEgAEEBdGtBPmohAQsgAiABNgIcIAJCADcCECABQQJ0QbzSAGohAEGQ0AAoAgAiA0EBIAF0IgZxRQRAIAAgAjYCAEGQ0AAgAyAGcjYCACACIAA2AhggAiACNgIIIAIgAjYCDAwBCyAFQRkgAUEBdmtBACABQR9HG3QhASAAKAIAIQMCQANAIAMiACgCBEF4cSAFRg0BIAFBHXYhAyABQQF0IQEgACADQQRxakEQaiIGKAIAIgMNAAsgBiACNgIAIAIgADYCGCACIAI2AgwgAiACNgIIDAELIAAoAggiASACNgIMIAAgAjYCCCACQQA2AhggAiAANgIMIAIgATYCCAtBmNAAKAIAIgEgBE0NAEGk0AAoAgAiACAEaiICIAEgBGsiAUEBcjYCBEGY0AAgATYCAEGk0AAgAjYCACAAIARBA3I2AgQgAEEIaiEBDAgLQQAhAUH80wBBMDYCAAwHC0EAIQALIAdFDQACQCAGKAIcIgJBAnRBvNIAaiIDKAIAIAZGBEAgAyAANgIAIAANAUGQ0ABBkNAAKAIAQX4gAndxNgIADAILIAdBEEEUIAcoAhAgBkYbaiAANgIAIABFDQELIAAgBzYCGCAGKAIQIgIEQCAAIAI2AhAgAiAANgIYCyAGQRRqKAIAIgJFDQAgAEEUaiACNgIAIAIgADYCGAsgASAIaiEBIAYgCGoiBigCBCEFCyAGIAVBfnE2AgQgASAEaiABNgIAIAQgAUEBcjYCBCABQf8BTQRAIAFBeHFBtNAAaiEAAn9BjNAAKAIAIgJBASABQQN2dCIBcUUEQEGM0AAgASACcjYCACAADAELIAAoAggLIgEgBDYCDCAAIAQ2AgggBCAANgIMIAQgATYCCAwBC0EfIQUgAUH///8HTQRAIAFBJiABQQh2ZyIAa3ZBAXEgAEEBdGtBPmohBQsgBCAFNgIcIARCADcCECAFQQJ0QbzSAGohAEGQ0AAoAgAiAkEBIAV0IgNxRQRAIAAgBDYCAEGQ0AAgAiADcjYCACAEIAA2AhggBCAENgIIIAQgBDYCDAwBCyABQRkgBUEBdmtBACAFQR9HG3QhBSAAKAIAIQACQANAIAAiAigCBEF4cSABRg0BIAVBHXYhACAFQQF0IQUgAiAAQQRxakEQaiIDKAIAIgANAAsgAyAENgIAIAQgAjYCGCAEIAQ2AgwgBCAENgIIDAELIAIoAggiACAENgIMIAIgBDYCCCAEQQA2AhggBCACNgIMIAQgADYCCAsgCUEIaiEBDAILAkAgB0UNAAJAIAMoAhwiAUECdEG80gBqIgIoAgAgA0YEQCACIAA2AgAgAA0BQZDQACAIQX4gAXdxIgg2AgAMAgsgB0EQQRQgBygCECADRhtqIAA2AgAgAEUNAQsgACAHNgIYIAMoAhAiAQRAIAAgATYCECABIAA2AhgLIANBFGooAgAiAUUNACAAQRRqIAE2AgAgASAANgIYCwJAIAVBD00EQCADIAQgBWoiAEEDcjYCBCAAIANqIgAgACgCBEEBcjYCBAwBCyADIARqIgIgBUEBcjYCBCADIARBA3I2AgQgAiAFaiAFNgIAIAVB/wFNBEAgBUF4cUG00ABqIQACf0GM0AAoAgAiAUEBIAVBA3Z0IgVxRQRAQYzQACABIAVyNgIAIAAMAQsgACgCCAsiASACNgIMIAAgAjYCCCACIAA2AgwgAiABNgIIDAELQR8hASAFQf///wdNBEAgBUEmIAVBCHZnIgBrdkEBcSAAQQF0a0E+aiEBCyACIAE2AhwgAkIANwIQIAFBAnRBvNIAaiEAQQEgAXQiBCAIcUUEQCAAIAI2AgBBkNAAIAQgCHI2AgAgAiAANgIYIAIgAjYCCCACIAI2AgwMAQsgBUEZIAFBAXZrQQAgAUEfRxt0IQEgACgCACEEAkADQCAEIgAoAgRBeHEgBUYNASABQR12IQQgAUEBdCEBIAAgBEEEcWpBEGoiBigCACIEDQALIAYgAjYCACACIAA2AhggAiACNgIMIAIgAjYCCAwBCyAAKAIIIgEgAjYCDCAAIAI2AgggAkEANgIYIAIgADYCDCACIAE2AggLIANBCGohAQwBCwJAIAlFDQACQCAAKAIcIgFBAnRBvNIAaiICKAIAIABGBEAgAiADNgIAIAMNAUGQ0AAgC0F+IAF3cTYCAAwCCyAJQRBBFCAJKAIQIABGG2ogAzYCACADRQ0BCyADIAk2AhggACgCECIBBEAgAyABNgIQIAEgAzYCGAsgAEEUaigCACIBRQ0AIANBFGogATYCACABIAM2AhgLAkAgBUEPTQRAIAAgBCAFaiIBQQNyNgIEIAAgAWoiASABKAIEQQFyNgIEDAELIAAgBGoiByAFQQFyNgIEIAAgBEEDcjYCBCAFIAdqIAU2AgAgCARAIAhBeHFBtNAAaiEBQaDQACgCACEDAn9BASAIQQN2dCICIAZxRQRAQYzQACACIAZyNgIAIAEMAQsgASgCCAsiAiADNgIMIAEgAzYCCCADIAE2AgwgAyACNgIIC0Gg0AAgBzYCAEGU0AAgBTYCAAsgAEEIaiEBCyAKQRBqJAAgAQtDACAARQRAPwBBEHQPCwJAIABB//8DcQ0AIABBAEgNACAAQRB2QAAiAEF/RgRAQfzTAEEwNgIAQX8PCyAAQRB0DwsACwvcPyIAQYAICwkBAAAAAgAAAAMAQZQICwUEAAAABQBBpAgLCQYAAAAHAAAACABB3AgLii1JbnZhbGlkIGNoYXIgaW4gdXJsIHF1ZXJ5AFNwYW4gY2FsbGJhY2sgZXJyb3IgaW4gb25fYm9keQBDb250ZW50LUxlbmd0aCBvdmVyZmxvdwBDaHVuayBzaXplIG92ZXJmbG93AFJlc3BvbnNlIG92ZXJmbG93AEludmFsaWQgbWV0aG9kIGZvciBIVFRQL3gueCByZXF1ZXN0AEludmFsaWQgbWV0aG9kIGZvciBSVFNQL3gueCByZXF1ZXN0AEV4cGVjdGVkIFNPVVJDRSBtZXRob2QgZm9yIElDRS94LnggcmVxdWVzdABJbnZhbGlkIGNoYXIgaW4gdXJsIGZyYWdtZW50IHN0YXJ0AEV4cGVjdGVkIGRvdABTcGFuIGNhbGxiYWNrIGVycm9yIGluIG9uX3N0YXR1cwBJbnZhbGlkIHJlc3BvbnNlIHN0YXR1cwBJbnZhbGlkIGNoYXJhY3RlciBpbiBjaHVuayBleHRlbnNpb25zAFVzZXIgY2FsbGJhY2sgZXJyb3IAYG9uX3Jlc2V0YCBjYWxsYmFjayBlcnJvcgBgb25fY2h1bmtfaGVhZGVyYCBjYWxsYmFjayBlcnJvcgBgb25fbWVzc2FnZV9iZWdpbmAgY2FsbGJhY2sgZXJyb3IAYG9uX2NodW5rX2V4dGVuc2lvbl92YWx1ZWAgY2FsbGJhY2sgZXJyb3IAYG9uX3N0YXR1c19jb21wbGV0ZWAgY2FsbGJhY2sgZXJyb3IAYG9uX3ZlcnNpb25fY29tcGxldGVgIGNhbGxiYWNrIGVycm9yAGBvbl91cmxfY29tcGxldGVgIGNhbGxiYWNrIGVycm9yAGBvbl9jaHVua19jb21wbGV0ZWAgY2FsbGJhY2sgZXJyb3IAYG9uX2hlYWRlcl92YWx1ZV9jb21wbGV0ZWAgY2FsbGJhY2sgZXJyb3IAYG9uX21lc3NhZ2VfY29tcGxldGVgIGNhbGxiYWNrIGVycm9yAGBvbl9tZXRob2RfY29tcGxldGVgIGNhbGxiYWNrIGVycm9yAGBvbl9oZWFkZXJfZmllbGRfY29tcGxldGVgIGNhbGxiYWNrIGVycm9yAGBvbl9jaHVua19leHRlbnNpb25fbmFtZWAgY2FsbGJhY2sgZXJyb3IAVW5leHBlY3RlZCBjaGFyIGluIHVybCBzZXJ2ZXIASW52YWxpZCBoZWFkZXIgdmFsdWUgY2hhcgBJbnZhbGlkIGhlYWRlciBmaWVsZCBjaGFyAFNwYW4gY2FsbGJhY2sgZXJyb3IgaW4gb25fdmVyc2lvbgBJbnZhbGlkIG1pbm9yIHZlcnNpb24ASW52YWxpZCBtYWpvciB2ZXJzaW9uAEV4cGVjdGVkIHNwYWNlIGFmdGVyIHZlcnNpb24ARXhwZWN0ZWQgQ1JMRiBhZnRlciB2ZXJzaW9uAEludmFsaWQgSFRUUCB2ZXJzaW9uAEludmFsaWQgaGVhZGVyIHRva2VuAFNwYW4gY2FsbGJhY2sgZXJyb3IgaW4gb25fdXJsAEludmFsaWQgY2hhcmFjdGVycyBpbiB1cmwAVW5leHBlY3RlZCBzdGFydCBjaGFyIGluIHVybABEb3VibGUgQCBpbiB1cmwARW1wdHkgQ29udGVudC1MZW5ndGgASW52YWxpZCBjaGFyYWN0ZXIgaW4gQ29udGVudC1MZW5ndGgARHVwbGljYXRlIENvbnRlbnQtTGVuZ3RoAEludmFsaWQgY2hhciBpbiB1cmwgcGF0aABDb250ZW50LUxlbmd0aCBjYW4ndCBiZSBwcmVzZW50IHdpdGggVHJhbnNmZXItRW5jb2RpbmcASW52YWxpZCBjaGFyYWN0ZXIgaW4gY2h1bmsgc2l6ZQBTcGFuIGNhbGxiYWNrIGVycm9yIGluIG9uX2hlYWRlcl92YWx1ZQBTcGFuIGNhbGxiYWNrIGVycm9yIGluIG9uX2NodW5rX2V4dGVuc2lvbl92YWx1ZQBJbnZhbGlkIGNoYXJhY3RlciBpbiBjaHVuayBleHRlbnNpb25zIHZhbHVlAE1pc3NpbmcgZXhwZWN0ZWQgTEYgYWZ0ZXIgaGVhZGVyIHZhbHVlAEludmFsaWQgYFRyYW5zZmVyLUVuY29kaW5nYCBoZWFkZXIgdmFsdWUASW52YWxpZCBjaGFyYWN0ZXIgaW4gY2h1bmsgZXh0ZW5zaW9ucyBxdW90ZSB2YWx1ZQBJbnZhbGlkIGNoYXJhY3RlciBpbiBjaHVuayBleHRlbnNpb25zIHF1b3RlZCB2YWx1ZQBQYXVzZWQgYnkgb25faGVhZGVyc19jb21wbGV0ZQBJbnZhbGlkIEVPRiBzdGF0ZQBvbl9yZXNldCBwYXVzZQBvbl9jaHVua19oZWFkZXIgcGF1c2UAb25fbWVzc2FnZV9iZWdpbiBwYXVzZQBvbl9jaHVua19leHRlbnNpb25fdmFsdWUgcGF1c2UAb25fc3RhdHVzX2NvbXBsZXRlIHBhdXNlAG9uX3ZlcnNpb25fY29tcGxldGUgcGF1c2UAb25fdXJsX2NvbXBsZXRlIHBhdXNlAG9uX2NodW5rX2NvbXBsZXRlIHBhdXNlAG9uX2hlYWRlcl92YWx1ZV9jb21wbGV0ZSBwYXVzZQBvbl9tZXNzYWdlX2NvbXBsZXRlIHBhdXNlAG9uX21ldGhvZF9jb21wbGV0ZSBwYXVzZQBvbl9oZWFkZXJfZmllbGRfY29tcGxldGUgcGF1c2UAb25fY2h1bmtfZXh0ZW5zaW9uX25hbWUgcGF1c2UAVW5leHBlY3RlZCBzcGFjZSBhZnRlciBzdGFydCBsaW5lAFNwYW4gY2FsbGJhY2sgZXJyb3IgaW4gb25fY2h1bmtfZXh0ZW5zaW9uX25hbWUASW52YWxpZCBjaGFyYWN0ZXIgaW4gY2h1bmsgZXh0ZW5zaW9ucyBuYW1lAFBhdXNlIG9uIENPTk5FQ1QvVXBncmFkZQBQYXVzZSBvbiBQUkkvVXBncmFkZQBFeHBlY3RlZCBIVFRQLzIgQ29ubmVjdGlvbiBQcmVmYWNlAFNwYW4gY2FsbGJhY2sgZXJyb3IgaW4gb25fbWV0aG9kAEV4cGVjdGVkIHNwYWNlIGFmdGVyIG1ldGhvZABTcGFuIGNhbGxiYWNrIGVycm9yIGluIG9uX2hlYWRlcl9maWVsZABQYXVzZWQASW52YWxpZCB3b3JkIGVuY291bnRlcmVkAEludmFsaWQgbWV0aG9kIGVuY291bnRlcmVkAFVuZXhwZWN0ZWQgY2hhciBpbiB1cmwgc2NoZW1hAFJlcXVlc3QgaGFzIGludmFsaWQgYFRyYW5zZmVyLUVuY29kaW5nYABTV0lUQ0hfUFJPWFkAVVNFX1BST1hZAE1LQUNUSVZJVFkAVU5QUk9DRVNTQUJMRV9FTlRJVFkAQ09QWQBNT1ZFRF9QRVJNQU5FTlRMWQBUT09fRUFSTFkATk9USUZZAEZBSUxFRF9ERVBFTkRFTkNZAEJBRF9HQVRFV0FZAFBMQVkAUFVUAENIRUNLT1VUAEdBVEVXQVlfVElNRU9VVABSRVFVRVNUX1RJTUVPVVQATkVUV09SS19DT05ORUNUX1RJTUVPVVQAQ09OTkVDVElPTl9USU1FT1VUAExPR0lOX1RJTUVPVVQATkVUV09SS19SRUFEX1RJTUVPVVQAUE9TVABNSVNESVJFQ1RFRF9SRVFVRVNUAENMSUVOVF9DTE9TRURfUkVRVUVTVABDTElFTlRfQ0xPU0VEX0xPQURfQkFMQU5DRURfUkVRVUVTVABCQURfUkVRVUVTVABIVFRQX1JFUVVFU1RfU0VOVF9UT19IVFRQU19QT1JUAFJFUE9SVABJTV9BX1RFQVBPVABSRVNFVF9DT05URU5UAE5PX0NPTlRFTlQAUEFSVElBTF9DT05URU5UAEhQRV9JTlZBTElEX0NPTlNUQU5UAEhQRV9DQl9SRVNFVABHRVQASFBFX1NUUklDVABDT05GTElDVABURU1QT1JBUllfUkVESVJFQ1QAUEVSTUFORU5UX1JFRElSRUNUAENPTk5FQ1QATVVMVElfU1RBVFVTAEhQRV9JTlZBTElEX1NUQVRVUwBUT09fTUFOWV9SRVFVRVNUUwBFQVJMWV9ISU5UUwBVTkFWQUlMQUJMRV9GT1JfTEVHQUxfUkVBU09OUwBPUFRJT05TAFNXSVRDSElOR19QUk9UT0NPTFMAVkFSSUFOVF9BTFNPX05FR09USUFURVMATVVMVElQTEVfQ0hPSUNFUwBJTlRFUk5BTF9TRVJWRVJfRVJST1IAV0VCX1NFUlZFUl9VTktOT1dOX0VSUk9SAFJBSUxHVU5fRVJST1IASURFTlRJVFlfUFJPVklERVJfQVVUSEVOVElDQVRJT05fRVJST1IAU1NMX0NFUlRJRklDQVRFX0VSUk9SAElOVkFMSURfWF9GT1JXQVJERURfRk9SAFNFVF9QQVJBTUVURVIAR0VUX1BBUkFNRVRFUgBIUEVfVVNFUgBTRUVfT1RIRVIASFBFX0NCX0NIVU5LX0hFQURFUgBNS0NBTEVOREFSAFNFVFVQAFdFQl9TRVJWRVJfSVNfRE9XTgBURUFSRE9XTgBIUEVfQ0xPU0VEX0NPTk5FQ1RJT04ASEVVUklTVElDX0VYUElSQVRJT04ARElTQ09OTkVDVEVEX09QRVJBVElPTgBOT05fQVVUSE9SSVRBVElWRV9JTkZPUk1BVElPTgBIUEVfSU5WQUxJRF9WRVJTSU9OAEhQRV9DQl9NRVNTQUdFX0JFR0lOAFNJVEVfSVNfRlJPWkVOAEhQRV9JTlZBTElEX0hFQURFUl9UT0tFTgBJTlZBTElEX1RPS0VOAEZPUkJJRERFTgBFTkhBTkNFX1lPVVJfQ0FMTQBIUEVfSU5WQUxJRF9VUkwAQkxPQ0tFRF9CWV9QQVJFTlRBTF9DT05UUk9MAE1LQ09MAEFDTABIUEVfSU5URVJOQUwAUkVRVUVTVF9IRUFERVJfRklFTERTX1RPT19MQVJHRV9VTk9GRklDSUFMAEhQRV9PSwBVTkxJTksAVU5MT0NLAFBSSQBSRVRSWV9XSVRIAEhQRV9JTlZBTElEX0NPTlRFTlRfTEVOR1RIAEhQRV9VTkVYUEVDVEVEX0NPTlRFTlRfTEVOR1RIAEZMVVNIAFBST1BQQVRDSABNLVNFQVJDSABVUklfVE9PX0xPTkcAUFJPQ0VTU0lORwBNSVNDRUxMQU5FT1VTX1BFUlNJU1RFTlRfV0FSTklORwBNSVNDRUxMQU5FT1VTX1dBUk5JTkcASFBFX0lOVkFMSURfVFJBTlNGRVJfRU5DT0RJTkcARXhwZWN0ZWQgQ1JMRgBIUEVfSU5WQUxJRF9DSFVOS19TSVpFAE1PVkUAQ09OVElOVUUASFBFX0NCX1NUQVRVU19DT01QTEVURQBIUEVfQ0JfSEVBREVSU19DT01QTEVURQBIUEVfQ0JfVkVSU0lPTl9DT01QTEVURQBIUEVfQ0JfVVJMX0NPTVBMRVRFAEhQRV9DQl9DSFVOS19DT01QTEVURQBIUEVfQ0JfSEVBREVSX1ZBTFVFX0NPTVBMRVRFAEhQRV9DQl9DSFVOS19FWFRFTlNJT05fVkFMVUVfQ09NUExFVEUASFBFX0NCX0NIVU5LX0VYVEVOU0lPTl9OQU1FX0NPTVBMRVRFAEhQRV9DQl9NRVNTQUdFX0NPTVBMRVRFAEhQRV9DQl9NRVRIT0RfQ09NUExFVEUASFBFX0NCX0hFQURFUl9GSUVMRF9DT01QTEVURQBERUxFVEUASFBFX0lOVkFMSURfRU9GX1NUQVRFAElOVkFMSURfU1NMX0NFUlRJRklDQVRFAFBBVVNFAE5PX1JFU1BPTlNFAFVOU1VQUE9SVEVEX01FRElBX1RZUEUAR09ORQBOT1RfQUNDRVBUQUJMRQBTRVJWSUNFX1VOQVZBSUxBQkxFAFJBTkdFX05PVF9TQVRJU0ZJQUJMRQBPUklHSU5fSVNfVU5SRUFDSEFCTEUAUkVTUE9OU0VfSVNfU1RBTEUAUFVSR0UATUVSR0UAUkVRVUVTVF9IRUFERVJfRklFTERTX1RPT19MQVJHRQBSRVFVRVNUX0hFQURFUl9UT09fTEFSR0UAUEFZTE9BRF9UT09fTEFSR0UASU5TVUZGSUNJRU5UX1NUT1JBR0UASFBFX1BBVVNFRF9VUEdSQURFAEhQRV9QQVVTRURfSDJfVVBHUkFERQBTT1VSQ0UAQU5OT1VOQ0UAVFJBQ0UASFBFX1VORVhQRUNURURfU1BBQ0UAREVTQ1JJQkUAVU5TVUJTQ1JJQkUAUkVDT1JEAEhQRV9JTlZBTElEX01FVEhPRABOT1RfRk9VTkQAUFJPUEZJTkQAVU5CSU5EAFJFQklORABVTkFVVEhPUklaRUQATUVUSE9EX05PVF9BTExPV0VEAEhUVFBfVkVSU0lPTl9OT1RfU1VQUE9SVEVEAEFMUkVBRFlfUkVQT1JURUQAQUNDRVBURUQATk9UX0lNUExFTUVOVEVEAExPT1BfREVURUNURUQASFBFX0NSX0VYUEVDVEVEAEhQRV9MRl9FWFBFQ1RFRABDUkVBVEVEAElNX1VTRUQASFBFX1BBVVNFRABUSU1FT1VUX09DQ1VSRUQAUEFZTUVOVF9SRVFVSVJFRABQUkVDT05ESVRJT05fUkVRVUlSRUQAUFJPWFlfQVVUSEVOVElDQVRJT05fUkVRVUlSRUQATkVUV09SS19BVVRIRU5USUNBVElPTl9SRVFVSVJFRABMRU5HVEhfUkVRVUlSRUQAU1NMX0NFUlRJRklDQVRFX1JFUVVJUkVEAFVQR1JBREVfUkVRVUlSRUQAUEFHRV9FWFBJUkVEAFBSRUNPTkRJVElPTl9GQUlMRUQARVhQRUNUQVRJT05fRkFJTEVEAFJFVkFMSURBVElPTl9GQUlMRUQAU1NMX0hBTkRTSEFLRV9GQUlMRUQATE9DS0VEAFRSQU5TRk9STUFUSU9OX0FQUExJRUQATk9UX01PRElGSUVEAE5PVF9FWFRFTkRFRABCQU5EV0lEVEhfTElNSVRfRVhDRUVERUQAU0lURV9JU19PVkVSTE9BREVEAEhFQUQARXhwZWN0ZWQgSFRUUC8AAF4TAAAmEwAAMBAAAPAXAACdEwAAFRIAADkXAADwEgAAChAAAHUSAACtEgAAghMAAE8UAAB/EAAAoBUAACMUAACJEgAAixQAAE0VAADUEQAAzxQAABAYAADJFgAA3BYAAMERAADgFwAAuxQAAHQUAAB8FQAA5RQAAAgXAAAfEAAAZRUAAKMUAAAoFQAAAhUAAJkVAAAsEAAAixkAAE8PAADUDgAAahAAAM4QAAACFwAAiQ4AAG4TAAAcEwAAZhQAAFYXAADBEwAAzRMAAGwTAABoFwAAZhcAAF8XAAAiEwAAzg8AAGkOAADYDgAAYxYAAMsTAACqDgAAKBcAACYXAADFEwAAXRYAAOgRAABnEwAAZRMAAPIWAABzEwAAHRcAAPkWAADzEQAAzw4AAM4VAAAMEgAAsxEAAKURAABhEAAAMhcAALsTAEH5NQsBAQBBkDYL4AEBAQIBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEAAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQBB/TcLAQEAQZE4C14CAwICAgICAAACAgACAgACAgICAgICAgICAAQAAAAAAAICAgICAgICAgICAgICAgICAgICAgICAgICAAAAAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAAgACAEH9OQsBAQBBkToLXgIAAgICAgIAAAICAAICAAICAgICAgICAgIAAwAEAAAAAgICAgICAgICAgICAgICAgICAgICAgICAgIAAAACAgICAgICAgICAgICAgICAgICAgICAgICAgICAgACAAIAQfA7Cw1sb3NlZWVwLWFsaXZlAEGJPAsBAQBBoDwL4AEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQABAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQBBiT4LAQEAQaA+C+cBAQEBAQEBAQEBAQEBAgEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEAAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQFjaHVua2VkAEGwwAALXwEBAAEBAQEBAAABAQABAQABAQEBAQEBAQEBAAAAAAAAAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAAAAAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEAAQABAEGQwgALIWVjdGlvbmVudC1sZW5ndGhvbnJveHktY29ubmVjdGlvbgBBwMIACy1yYW5zZmVyLWVuY29kaW5ncGdyYWRlDQoNCg0KU00NCg0KVFRQL0NFL1RTUC8AQfnCAAsFAQIAAQMAQZDDAAvgAQQBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAEH5xAALBQECAAEDAEGQxQAL4AEEAQEFAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQABAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQBB+cYACwQBAAABAEGRxwAL3wEBAQABAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEAAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAEH6yAALBAEAAAIAQZDJAAtfAwQAAAQEBAQEBAQEBAQEBQQEBAQEBAQEBAQEBAAEAAYHBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEAAQABAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAAAAAQAQfrKAAsEAQAAAQBBkMsACwEBAEGqywALQQIAAAAAAAADAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwAAAAAAAAMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAEH6zAALBAEAAAEAQZDNAAsBAQBBms0ACwYCAAAAAAIAQbHNAAs6AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMAAAAAAAADAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwBB8M4AC5YBTk9VTkNFRUNLT1VUTkVDVEVURUNSSUJFTFVTSEVURUFEU0VBUkNIUkdFQ1RJVklUWUxFTkRBUlZFT1RJRllQVElPTlNDSFNFQVlTVEFUQ0hHRU9SRElSRUNUT1JUUkNIUEFSQU1FVEVSVVJDRUJTQ1JJQkVBUkRPV05BQ0VJTkROS0NLVUJTQ1JJQkVIVFRQL0FEVFAv', 'base64')


/***/ }),

/***/ 3434:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { Buffer } = __nccwpck_require__(4573)

module.exports = Buffer.from('AGFzbQEAAAABJwdgAX8Bf2ADf39/AX9gAX8AYAJ/fwBgBH9/f38Bf2AAAGADf39/AALLAQgDZW52GHdhc21fb25faGVhZGVyc19jb21wbGV0ZQAEA2VudhV3YXNtX29uX21lc3NhZ2VfYmVnaW4AAANlbnYLd2FzbV9vbl91cmwAAQNlbnYOd2FzbV9vbl9zdGF0dXMAAQNlbnYUd2FzbV9vbl9oZWFkZXJfZmllbGQAAQNlbnYUd2FzbV9vbl9oZWFkZXJfdmFsdWUAAQNlbnYMd2FzbV9vbl9ib2R5AAEDZW52GHdhc21fb25fbWVzc2FnZV9jb21wbGV0ZQAAAy0sBQYAAAIAAAAAAAACAQIAAgICAAADAAAAAAMDAwMBAQEBAQEBAQEAAAIAAAAEBQFwARISBQMBAAIGCAF/AUGA1AQLB9EFIgZtZW1vcnkCAAtfaW5pdGlhbGl6ZQAIGV9faW5kaXJlY3RfZnVuY3Rpb25fdGFibGUBAAtsbGh0dHBfaW5pdAAJGGxsaHR0cF9zaG91bGRfa2VlcF9hbGl2ZQAvDGxsaHR0cF9hbGxvYwALBm1hbGxvYwAxC2xsaHR0cF9mcmVlAAwEZnJlZQAMD2xsaHR0cF9nZXRfdHlwZQANFWxsaHR0cF9nZXRfaHR0cF9tYWpvcgAOFWxsaHR0cF9nZXRfaHR0cF9taW5vcgAPEWxsaHR0cF9nZXRfbWV0aG9kABAWbGxodHRwX2dldF9zdGF0dXNfY29kZQAREmxsaHR0cF9nZXRfdXBncmFkZQASDGxsaHR0cF9yZXNldAATDmxsaHR0cF9leGVjdXRlABQUbGxodHRwX3NldHRpbmdzX2luaXQAFQ1sbGh0dHBfZmluaXNoABYMbGxodHRwX3BhdXNlABcNbGxodHRwX3Jlc3VtZQAYG2xsaHR0cF9yZXN1bWVfYWZ0ZXJfdXBncmFkZQAZEGxsaHR0cF9nZXRfZXJybm8AGhdsbGh0dHBfZ2V0X2Vycm9yX3JlYXNvbgAbF2xsaHR0cF9zZXRfZXJyb3JfcmVhc29uABwUbGxodHRwX2dldF9lcnJvcl9wb3MAHRFsbGh0dHBfZXJybm9fbmFtZQAeEmxsaHR0cF9tZXRob2RfbmFtZQAfEmxsaHR0cF9zdGF0dXNfbmFtZQAgGmxsaHR0cF9zZXRfbGVuaWVudF9oZWFkZXJzACEhbGxodHRwX3NldF9sZW5pZW50X2NodW5rZWRfbGVuZ3RoACIdbGxodHRwX3NldF9sZW5pZW50X2tlZXBfYWxpdmUAIyRsbGh0dHBfc2V0X2xlbmllbnRfdHJhbnNmZXJfZW5jb2RpbmcAJBhsbGh0dHBfbWVzc2FnZV9uZWVkc19lb2YALgkXAQBBAQsRAQIDBAUKBgcrLSwqKSglJyYK77MCLBYAQYjQACgCAARAAAtBiNAAQQE2AgALFAAgABAwIAAgAjYCOCAAIAE6ACgLFAAgACAALwEyIAAtAC4gABAvEAALHgEBf0HAABAyIgEQMCABQYAINgI4IAEgADoAKCABC48MAQd/AkAgAEUNACAAQQhrIgEgAEEEaygCACIAQXhxIgRqIQUCQCAAQQFxDQAgAEEDcUUNASABIAEoAgAiAGsiAUGc0AAoAgBJDQEgACAEaiEEAkACQEGg0AAoAgAgAUcEQCAAQf8BTQRAIABBA3YhAyABKAIIIgAgASgCDCICRgRAQYzQAEGM0AAoAgBBfiADd3E2AgAMBQsgAiAANgIIIAAgAjYCDAwECyABKAIYIQYgASABKAIMIgBHBEAgACABKAIIIgI2AgggAiAANgIMDAMLIAFBFGoiAygCACICRQRAIAEoAhAiAkUNAiABQRBqIQMLA0AgAyEHIAIiAEEUaiIDKAIAIgINACAAQRBqIQMgACgCECICDQALIAdBADYCAAwCCyAFKAIEIgBBA3FBA0cNAiAFIABBfnE2AgRBlNAAIAQ2AgAgBSAENgIAIAEgBEEBcjYCBAwDC0EAIQALIAZFDQACQCABKAIcIgJBAnRBvNIAaiIDKAIAIAFGBEAgAyAANgIAIAANAUGQ0ABBkNAAKAIAQX4gAndxNgIADAILIAZBEEEUIAYoAhAgAUYbaiAANgIAIABFDQELIAAgBjYCGCABKAIQIgIEQCAAIAI2AhAgAiAANgIYCyABQRRqKAIAIgJFDQAgAEEUaiACNgIAIAIgADYCGAsgASAFTw0AIAUoAgQiAEEBcUUNAAJAAkACQAJAIABBAnFFBEBBpNAAKAIAIAVGBEBBpNAAIAE2AgBBmNAAQZjQACgCACAEaiIANgIAIAEgAEEBcjYCBCABQaDQACgCAEcNBkGU0ABBADYCAEGg0ABBADYCAAwGC0Gg0AAoAgAgBUYEQEGg0AAgATYCAEGU0ABBlNAAKAIAIARqIgA2AgAgASAAQQFyNgIEIAAgAWogADYCAAwGCyAAQXhxIARqIQQgAEH/AU0EQCAAQQN2IQMgBSgCCCIAIAUoAgwiAkYEQEGM0ABBjNAAKAIAQX4gA3dxNgIADAULIAIgADYCCCAAIAI2AgwMBAsgBSgCGCEGIAUgBSgCDCIARwRAQZzQACgCABogACAFKAIIIgI2AgggAiAANgIMDAMLIAVBFGoiAygCACICRQRAIAUoAhAiAkUNAiAFQRBqIQMLA0AgAyEHIAIiAEEUaiIDKAIAIgINACAAQRBqIQMgACgCECICDQALIAdBADYCAAwCCyAFIABBfnE2AgQgASAEaiAENgIAIAEgBEEBcjYCBAwDC0EAIQALIAZFDQACQCAFKAIcIgJBAnRBvNIAaiIDKAIAIAVGBEAgAyAANgIAIAANAUGQ0ABBkNAAKAIAQX4gAndxNgIADAILIAZBEEEUIAYoAhAgBUYbaiAANgIAIABFDQELIAAgBjYCGCAFKAIQIgIEQCAAIAI2AhAgAiAANgIYCyAFQRRqKAIAIgJFDQAgAEEUaiACNgIAIAIgADYCGAsgASAEaiAENgIAIAEgBEEBcjYCBCABQaDQACgCAEcNAEGU0AAgBDYCAAwBCyAEQf8BTQRAIARBeHFBtNAAaiEAAn9BjNAAKAIAIgJBASAEQQN2dCIDcUUEQEGM0AAgAiADcjYCACAADAELIAAoAggLIgIgATYCDCAAIAE2AgggASAANgIMIAEgAjYCCAwBC0EfIQIgBEH///8HTQRAIARBJiAEQQh2ZyIAa3ZBAXEgAEEBdGtBPmohAgsgASACNgIcIAFCADcCECACQQJ0QbzSAGohAAJAQZDQACgCACIDQQEgAnQiB3FFBEAgACABNgIAQZDQACADIAdyNgIAIAEgADYCGCABIAE2AgggASABNgIMDAELIARBGSACQQF2a0EAIAJBH0cbdCECIAAoAgAhAAJAA0AgACIDKAIEQXhxIARGDQEgAkEddiEAIAJBAXQhAiADIABBBHFqQRBqIgcoAgAiAA0ACyAHIAE2AgAgASADNgIYIAEgATYCDCABIAE2AggMAQsgAygCCCIAIAE2AgwgAyABNgIIIAFBADYCGCABIAM2AgwgASAANgIIC0Gs0ABBrNAAKAIAQQFrIgBBfyAAGzYCAAsLBwAgAC0AKAsHACAALQAqCwcAIAAtACsLBwAgAC0AKQsHACAALwEyCwcAIAAtAC4LQAEEfyAAKAIYIQEgAC0ALSECIAAtACghAyAAKAI4IQQgABAwIAAgBDYCOCAAIAM6ACggACACOgAtIAAgATYCGAu74gECB38DfiABIAJqIQQCQCAAIgIoAgwiAA0AIAIoAgQEQCACIAE2AgQLIwBBEGsiCCQAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACfwJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAIAIoAhwiA0EBaw7dAdoBAdkBAgMEBQYHCAkKCwwNDtgBDxDXARES1gETFBUWFxgZGhvgAd8BHB0e1QEfICEiIyQl1AEmJygpKiss0wHSAS0u0QHQAS8wMTIzNDU2Nzg5Ojs8PT4/QEFCQ0RFRtsBR0hJSs8BzgFLzQFMzAFNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AAYEBggGDAYQBhQGGAYcBiAGJAYoBiwGMAY0BjgGPAZABkQGSAZMBlAGVAZYBlwGYAZkBmgGbAZwBnQGeAZ8BoAGhAaIBowGkAaUBpgGnAagBqQGqAasBrAGtAa4BrwGwAbEBsgGzAbQBtQG2AbcBywHKAbgByQG5AcgBugG7AbwBvQG+Ab8BwAHBAcIBwwHEAcUBxgEA3AELQQAMxgELQQ4MxQELQQ0MxAELQQ8MwwELQRAMwgELQRMMwQELQRQMwAELQRUMvwELQRYMvgELQRgMvQELQRkMvAELQRoMuwELQRsMugELQRwMuQELQR0MuAELQQgMtwELQR4MtgELQSAMtQELQR8MtAELQQcMswELQSEMsgELQSIMsQELQSMMsAELQSQMrwELQRIMrgELQREMrQELQSUMrAELQSYMqwELQScMqgELQSgMqQELQcMBDKgBC0EqDKcBC0ErDKYBC0EsDKUBC0EtDKQBC0EuDKMBC0EvDKIBC0HEAQyhAQtBMAygAQtBNAyfAQtBDAyeAQtBMQydAQtBMgycAQtBMwybAQtBOQyaAQtBNQyZAQtBxQEMmAELQQsMlwELQToMlgELQTYMlQELQQoMlAELQTcMkwELQTgMkgELQTwMkQELQTsMkAELQT0MjwELQQkMjgELQSkMjQELQT4MjAELQT8MiwELQcAADIoBC0HBAAyJAQtBwgAMiAELQcMADIcBC0HEAAyGAQtBxQAMhQELQcYADIQBC0EXDIMBC0HHAAyCAQtByAAMgQELQckADIABC0HKAAx/C0HLAAx+C0HNAAx9C0HMAAx8C0HOAAx7C0HPAAx6C0HQAAx5C0HRAAx4C0HSAAx3C0HTAAx2C0HUAAx1C0HWAAx0C0HVAAxzC0EGDHILQdcADHELQQUMcAtB2AAMbwtBBAxuC0HZAAxtC0HaAAxsC0HbAAxrC0HcAAxqC0EDDGkLQd0ADGgLQd4ADGcLQd8ADGYLQeEADGULQeAADGQLQeIADGMLQeMADGILQQIMYQtB5AAMYAtB5QAMXwtB5gAMXgtB5wAMXQtB6AAMXAtB6QAMWwtB6gAMWgtB6wAMWQtB7AAMWAtB7QAMVwtB7gAMVgtB7wAMVQtB8AAMVAtB8QAMUwtB8gAMUgtB8wAMUQtB9AAMUAtB9QAMTwtB9gAMTgtB9wAMTQtB+AAMTAtB+QAMSwtB+gAMSgtB+wAMSQtB/AAMSAtB/QAMRwtB/gAMRgtB/wAMRQtBgAEMRAtBgQEMQwtBggEMQgtBgwEMQQtBhAEMQAtBhQEMPwtBhgEMPgtBhwEMPQtBiAEMPAtBiQEMOwtBigEMOgtBiwEMOQtBjAEMOAtBjQEMNwtBjgEMNgtBjwEMNQtBkAEMNAtBkQEMMwtBkgEMMgtBkwEMMQtBlAEMMAtBlQEMLwtBlgEMLgtBlwEMLQtBmAEMLAtBmQEMKwtBmgEMKgtBmwEMKQtBnAEMKAtBnQEMJwtBngEMJgtBnwEMJQtBoAEMJAtBoQEMIwtBogEMIgtBowEMIQtBpAEMIAtBpQEMHwtBpgEMHgtBpwEMHQtBqAEMHAtBqQEMGwtBqgEMGgtBqwEMGQtBrAEMGAtBrQEMFwtBrgEMFgtBAQwVC0GvAQwUC0GwAQwTC0GxAQwSC0GzAQwRC0GyAQwQC0G0AQwPC0G1AQwOC0G2AQwNC0G3AQwMC0G4AQwLC0G5AQwKC0G6AQwJC0G7AQwIC0HGAQwHC0G8AQwGC0G9AQwFC0G+AQwEC0G/AQwDC0HAAQwCC0HCAQwBC0HBAQshAwNAAkACQAJAAkACQAJAAkACQAJAIAICfwJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJ/AkACQAJAAkACQAJAAkACQAJAAkACQAJAAkAgAgJ/AkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACfwJAAkACfwJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACfwJAAkACQAJAAn8CQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQCADDsYBAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHyAhIyUmKCorLC8wMTIzNDU2Nzk6Ozw9lANAQkRFRklLTk9QUVJTVFVWWFpbXF1eX2BhYmNkZWZnaGpsb3Bxc3V2eHl6e3x/gAGBAYIBgwGEAYUBhgGHAYgBiQGKAYsBjAGNAY4BjwGQAZEBkgGTAZQBlQGWAZcBmAGZAZoBmwGcAZ0BngGfAaABoQGiAaMBpAGlAaYBpwGoAakBqgGrAawBrQGuAa8BsAGxAbIBswG0AbUBtgG3AbgBuQG6AbsBvAG9Ab4BvwHAAcEBwgHDAcQBxQHGAccByAHJAcsBzAHNAc4BzwGKA4kDiAOHA4QDgwOAA/sC+gL5AvgC9wL0AvMC8gLLAsECsALZAQsgASAERw3wAkHdASEDDLMDCyABIARHDcgBQcMBIQMMsgMLIAEgBEcNe0H3ACEDDLEDCyABIARHDXBB7wAhAwywAwsgASAERw1pQeoAIQMMrwMLIAEgBEcNZUHoACEDDK4DCyABIARHDWJB5gAhAwytAwsgASAERw0aQRghAwysAwsgASAERw0VQRIhAwyrAwsgASAERw1CQcUAIQMMqgMLIAEgBEcNNEE/IQMMqQMLIAEgBEcNMkE8IQMMqAMLIAEgBEcNK0ExIQMMpwMLIAItAC5BAUYNnwMMwQILQQAhAAJAAkACQCACLQAqRQ0AIAItACtFDQAgAi8BMCIDQQJxRQ0BDAILIAIvATAiA0EBcUUNAQtBASEAIAItAChBAUYNACACLwEyIgVB5ABrQeQASQ0AIAVBzAFGDQAgBUGwAkYNACADQcAAcQ0AQQAhACADQYgEcUGABEYNACADQShxQQBHIQALIAJBADsBMCACQQA6AC8gAEUN3wIgAkIANwMgDOACC0EAIQACQCACKAI4IgNFDQAgAygCLCIDRQ0AIAIgAxEAACEACyAARQ3MASAAQRVHDd0CIAJBBDYCHCACIAE2AhQgAkGwGDYCECACQRU2AgxBACEDDKQDCyABIARGBEBBBiEDDKQDCyABQQFqIQFBACEAAkAgAigCOCIDRQ0AIAMoAlQiA0UNACACIAMRAAAhAAsgAA3ZAgwcCyACQgA3AyBBEiEDDIkDCyABIARHDRZBHSEDDKEDCyABIARHBEAgAUEBaiEBQRAhAwyIAwtBByEDDKADCyACIAIpAyAiCiAEIAFrrSILfSIMQgAgCiAMWhs3AyAgCiALWA3UAkEIIQMMnwMLIAEgBEcEQCACQQk2AgggAiABNgIEQRQhAwyGAwtBCSEDDJ4DCyACKQMgQgBSDccBIAIgAi8BMEGAAXI7ATAMQgsgASAERw0/QdAAIQMMnAMLIAEgBEYEQEELIQMMnAMLIAFBAWohAUEAIQACQCACKAI4IgNFDQAgAygCUCIDRQ0AIAIgAxEAACEACyAADc8CDMYBC0EAIQACQCACKAI4IgNFDQAgAygCSCIDRQ0AIAIgAxEAACEACyAARQ3GASAAQRVHDc0CIAJBCzYCHCACIAE2AhQgAkGCGTYCECACQRU2AgxBACEDDJoDC0EAIQACQCACKAI4IgNFDQAgAygCSCIDRQ0AIAIgAxEAACEACyAARQ0MIABBFUcNygIgAkEaNgIcIAIgATYCFCACQYIZNgIQIAJBFTYCDEEAIQMMmQMLQQAhAAJAIAIoAjgiA0UNACADKAJMIgNFDQAgAiADEQAAIQALIABFDcQBIABBFUcNxwIgAkELNgIcIAIgATYCFCACQZEXNgIQIAJBFTYCDEEAIQMMmAMLIAEgBEYEQEEPIQMMmAMLIAEtAAAiAEE7Rg0HIABBDUcNxAIgAUEBaiEBDMMBC0EAIQACQCACKAI4IgNFDQAgAygCTCIDRQ0AIAIgAxEAACEACyAARQ3DASAAQRVHDcICIAJBDzYCHCACIAE2AhQgAkGRFzYCECACQRU2AgxBACEDDJYDCwNAIAEtAABB8DVqLQAAIgBBAUcEQCAAQQJHDcECIAIoAgQhAEEAIQMgAkEANgIEIAIgACABQQFqIgEQLSIADcICDMUBCyAEIAFBAWoiAUcNAAtBEiEDDJUDC0EAIQACQCACKAI4IgNFDQAgAygCTCIDRQ0AIAIgAxEAACEACyAARQ3FASAAQRVHDb0CIAJBGzYCHCACIAE2AhQgAkGRFzYCECACQRU2AgxBACEDDJQDCyABIARGBEBBFiEDDJQDCyACQQo2AgggAiABNgIEQQAhAAJAIAIoAjgiA0UNACADKAJIIgNFDQAgAiADEQAAIQALIABFDcIBIABBFUcNuQIgAkEVNgIcIAIgATYCFCACQYIZNgIQIAJBFTYCDEEAIQMMkwMLIAEgBEcEQANAIAEtAABB8DdqLQAAIgBBAkcEQAJAIABBAWsOBMQCvQIAvgK9AgsgAUEBaiEBQQghAwz8AgsgBCABQQFqIgFHDQALQRUhAwyTAwtBFSEDDJIDCwNAIAEtAABB8DlqLQAAIgBBAkcEQCAAQQFrDgTFArcCwwK4ArcCCyAEIAFBAWoiAUcNAAtBGCEDDJEDCyABIARHBEAgAkELNgIIIAIgATYCBEEHIQMM+AILQRkhAwyQAwsgAUEBaiEBDAILIAEgBEYEQEEaIQMMjwMLAkAgAS0AAEENaw4UtQG/Ab8BvwG/Ab8BvwG/Ab8BvwG/Ab8BvwG/Ab8BvwG/Ab8BvwEAvwELQQAhAyACQQA2AhwgAkGvCzYCECACQQI2AgwgAiABQQFqNgIUDI4DCyABIARGBEBBGyEDDI4DCyABLQAAIgBBO0cEQCAAQQ1HDbECIAFBAWohAQy6AQsgAUEBaiEBC0EiIQMM8wILIAEgBEYEQEEcIQMMjAMLQgAhCgJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkAgAS0AAEEwaw43wQLAAgABAgMEBQYH0AHQAdAB0AHQAdAB0AEICQoLDA3QAdAB0AHQAdAB0AHQAdAB0AHQAdAB0AHQAdAB0AHQAdAB0AHQAdAB0AHQAdAB0AHQAdABDg8QERIT0AELQgIhCgzAAgtCAyEKDL8CC0IEIQoMvgILQgUhCgy9AgtCBiEKDLwCC0IHIQoMuwILQgghCgy6AgtCCSEKDLkCC0IKIQoMuAILQgshCgy3AgtCDCEKDLYCC0INIQoMtQILQg4hCgy0AgtCDyEKDLMCC0IKIQoMsgILQgshCgyxAgtCDCEKDLACC0INIQoMrwILQg4hCgyuAgtCDyEKDK0CC0IAIQoCQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAIAEtAABBMGsON8ACvwIAAQIDBAUGB74CvgK+Ar4CvgK+Ar4CCAkKCwwNvgK+Ar4CvgK+Ar4CvgK+Ar4CvgK+Ar4CvgK+Ar4CvgK+Ar4CvgK+Ar4CvgK+Ar4CvgK+Ag4PEBESE74CC0ICIQoMvwILQgMhCgy+AgtCBCEKDL0CC0IFIQoMvAILQgYhCgy7AgtCByEKDLoCC0IIIQoMuQILQgkhCgy4AgtCCiEKDLcCC0ILIQoMtgILQgwhCgy1AgtCDSEKDLQCC0IOIQoMswILQg8hCgyyAgtCCiEKDLECC0ILIQoMsAILQgwhCgyvAgtCDSEKDK4CC0IOIQoMrQILQg8hCgysAgsgAiACKQMgIgogBCABa60iC30iDEIAIAogDFobNwMgIAogC1gNpwJBHyEDDIkDCyABIARHBEAgAkEJNgIIIAIgATYCBEElIQMM8AILQSAhAwyIAwtBASEFIAIvATAiA0EIcUUEQCACKQMgQgBSIQULAkAgAi0ALgRAQQEhACACLQApQQVGDQEgA0HAAHFFIAVxRQ0BC0EAIQAgA0HAAHENAEECIQAgA0EIcQ0AIANBgARxBEACQCACLQAoQQFHDQAgAi0ALUEKcQ0AQQUhAAwCC0EEIQAMAQsgA0EgcUUEQAJAIAItAChBAUYNACACLwEyIgBB5ABrQeQASQ0AIABBzAFGDQAgAEGwAkYNAEEEIQAgA0EocUUNAiADQYgEcUGABEYNAgtBACEADAELQQBBAyACKQMgUBshAAsgAEEBaw4FvgIAsAEBpAKhAgtBESEDDO0CCyACQQE6AC8MhAMLIAEgBEcNnQJBJCEDDIQDCyABIARHDRxBxgAhAwyDAwtBACEAAkAgAigCOCIDRQ0AIAMoAkQiA0UNACACIAMRAAAhAAsgAEUNJyAAQRVHDZgCIAJB0AA2AhwgAiABNgIUIAJBkRg2AhAgAkEVNgIMQQAhAwyCAwsgASAERgRAQSghAwyCAwtBACEDIAJBADYCBCACQQw2AgggAiABIAEQKiIARQ2UAiACQSc2AhwgAiABNgIUIAIgADYCDAyBAwsgASAERgRAQSkhAwyBAwsgAS0AACIAQSBGDRMgAEEJRw2VAiABQQFqIQEMFAsgASAERwRAIAFBAWohAQwWC0EqIQMM/wILIAEgBEYEQEErIQMM/wILIAEtAAAiAEEJRyAAQSBHcQ2QAiACLQAsQQhHDd0CIAJBADoALAzdAgsgASAERgRAQSwhAwz+AgsgAS0AAEEKRw2OAiABQQFqIQEMsAELIAEgBEcNigJBLyEDDPwCCwNAIAEtAAAiAEEgRwRAIABBCmsOBIQCiAKIAoQChgILIAQgAUEBaiIBRw0AC0ExIQMM+wILQTIhAyABIARGDfoCIAIoAgAiACAEIAFraiEHIAEgAGtBA2ohBgJAA0AgAEHwO2otAAAgAS0AACIFQSByIAUgBUHBAGtB/wFxQRpJG0H/AXFHDQEgAEEDRgRAQQYhAQziAgsgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAc2AgAM+wILIAJBADYCAAyGAgtBMyEDIAQgASIARg35AiAEIAFrIAIoAgAiAWohByAAIAFrQQhqIQYCQANAIAFB9DtqLQAAIAAtAAAiBUEgciAFIAVBwQBrQf8BcUEaSRtB/wFxRw0BIAFBCEYEQEEFIQEM4QILIAFBAWohASAEIABBAWoiAEcNAAsgAiAHNgIADPoCCyACQQA2AgAgACEBDIUCC0E0IQMgBCABIgBGDfgCIAQgAWsgAigCACIBaiEHIAAgAWtBBWohBgJAA0AgAUHQwgBqLQAAIAAtAAAiBUEgciAFIAVBwQBrQf8BcUEaSRtB/wFxRw0BIAFBBUYEQEEHIQEM4AILIAFBAWohASAEIABBAWoiAEcNAAsgAiAHNgIADPkCCyACQQA2AgAgACEBDIQCCyABIARHBEADQCABLQAAQYA+ai0AACIAQQFHBEAgAEECRg0JDIECCyAEIAFBAWoiAUcNAAtBMCEDDPgCC0EwIQMM9wILIAEgBEcEQANAIAEtAAAiAEEgRwRAIABBCmsOBP8B/gH+Af8B/gELIAQgAUEBaiIBRw0AC0E4IQMM9wILQTghAwz2AgsDQCABLQAAIgBBIEcgAEEJR3EN9gEgBCABQQFqIgFHDQALQTwhAwz1AgsDQCABLQAAIgBBIEcEQAJAIABBCmsOBPkBBAT5AQALIABBLEYN9QEMAwsgBCABQQFqIgFHDQALQT8hAwz0AgtBwAAhAyABIARGDfMCIAIoAgAiACAEIAFraiEFIAEgAGtBBmohBgJAA0AgAEGAQGstAAAgAS0AAEEgckcNASAAQQZGDdsCIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADPQCCyACQQA2AgALQTYhAwzZAgsgASAERgRAQcEAIQMM8gILIAJBDDYCCCACIAE2AgQgAi0ALEEBaw4E+wHuAewB6wHUAgsgAUEBaiEBDPoBCyABIARHBEADQAJAIAEtAAAiAEEgciAAIABBwQBrQf8BcUEaSRtB/wFxIgBBCUYNACAAQSBGDQACQAJAAkACQCAAQeMAaw4TAAMDAwMDAwMBAwMDAwMDAwMDAgMLIAFBAWohAUExIQMM3AILIAFBAWohAUEyIQMM2wILIAFBAWohAUEzIQMM2gILDP4BCyAEIAFBAWoiAUcNAAtBNSEDDPACC0E1IQMM7wILIAEgBEcEQANAIAEtAABBgDxqLQAAQQFHDfcBIAQgAUEBaiIBRw0AC0E9IQMM7wILQT0hAwzuAgtBACEAAkAgAigCOCIDRQ0AIAMoAkAiA0UNACACIAMRAAAhAAsgAEUNASAAQRVHDeYBIAJBwgA2AhwgAiABNgIUIAJB4xg2AhAgAkEVNgIMQQAhAwztAgsgAUEBaiEBC0E8IQMM0gILIAEgBEYEQEHCACEDDOsCCwJAA0ACQCABLQAAQQlrDhgAAswCzALRAswCzALMAswCzALMAswCzALMAswCzALMAswCzALMAswCzALMAgDMAgsgBCABQQFqIgFHDQALQcIAIQMM6wILIAFBAWohASACLQAtQQFxRQ3+AQtBLCEDDNACCyABIARHDd4BQcQAIQMM6AILA0AgAS0AAEGQwABqLQAAQQFHDZwBIAQgAUEBaiIBRw0AC0HFACEDDOcCCyABLQAAIgBBIEYN/gEgAEE6Rw3AAiACKAIEIQBBACEDIAJBADYCBCACIAAgARApIgAN3gEM3QELQccAIQMgBCABIgBGDeUCIAQgAWsgAigCACIBaiEHIAAgAWtBBWohBgNAIAFBkMIAai0AACAALQAAIgVBIHIgBSAFQcEAa0H/AXFBGkkbQf8BcUcNvwIgAUEFRg3CAiABQQFqIQEgBCAAQQFqIgBHDQALIAIgBzYCAAzlAgtByAAhAyAEIAEiAEYN5AIgBCABayACKAIAIgFqIQcgACABa0EJaiEGA0AgAUGWwgBqLQAAIAAtAAAiBUEgciAFIAVBwQBrQf8BcUEaSRtB/wFxRw2+AkECIAFBCUYNwgIaIAFBAWohASAEIABBAWoiAEcNAAsgAiAHNgIADOQCCyABIARGBEBByQAhAwzkAgsCQAJAIAEtAAAiAEEgciAAIABBwQBrQf8BcUEaSRtB/wFxQe4Aaw4HAL8CvwK/Ar8CvwIBvwILIAFBAWohAUE+IQMMywILIAFBAWohAUE/IQMMygILQcoAIQMgBCABIgBGDeICIAQgAWsgAigCACIBaiEGIAAgAWtBAWohBwNAIAFBoMIAai0AACAALQAAIgVBIHIgBSAFQcEAa0H/AXFBGkkbQf8BcUcNvAIgAUEBRg2+AiABQQFqIQEgBCAAQQFqIgBHDQALIAIgBjYCAAziAgtBywAhAyAEIAEiAEYN4QIgBCABayACKAIAIgFqIQcgACABa0EOaiEGA0AgAUGiwgBqLQAAIAAtAAAiBUEgciAFIAVBwQBrQf8BcUEaSRtB/wFxRw27AiABQQ5GDb4CIAFBAWohASAEIABBAWoiAEcNAAsgAiAHNgIADOECC0HMACEDIAQgASIARg3gAiAEIAFrIAIoAgAiAWohByAAIAFrQQ9qIQYDQCABQcDCAGotAAAgAC0AACIFQSByIAUgBUHBAGtB/wFxQRpJG0H/AXFHDboCQQMgAUEPRg2+AhogAUEBaiEBIAQgAEEBaiIARw0ACyACIAc2AgAM4AILQc0AIQMgBCABIgBGDd8CIAQgAWsgAigCACIBaiEHIAAgAWtBBWohBgNAIAFB0MIAai0AACAALQAAIgVBIHIgBSAFQcEAa0H/AXFBGkkbQf8BcUcNuQJBBCABQQVGDb0CGiABQQFqIQEgBCAAQQFqIgBHDQALIAIgBzYCAAzfAgsgASAERgRAQc4AIQMM3wILAkACQAJAAkAgAS0AACIAQSByIAAgAEHBAGtB/wFxQRpJG0H/AXFB4wBrDhMAvAK8ArwCvAK8ArwCvAK8ArwCvAK8ArwCAbwCvAK8AgIDvAILIAFBAWohAUHBACEDDMgCCyABQQFqIQFBwgAhAwzHAgsgAUEBaiEBQcMAIQMMxgILIAFBAWohAUHEACEDDMUCCyABIARHBEAgAkENNgIIIAIgATYCBEHFACEDDMUCC0HPACEDDN0CCwJAAkAgAS0AAEEKaw4EAZABkAEAkAELIAFBAWohAQtBKCEDDMMCCyABIARGBEBB0QAhAwzcAgsgAS0AAEEgRw0AIAFBAWohASACLQAtQQFxRQ3QAQtBFyEDDMECCyABIARHDcsBQdIAIQMM2QILQdMAIQMgASAERg3YAiACKAIAIgAgBCABa2ohBiABIABrQQFqIQUDQCABLQAAIABB1sIAai0AAEcNxwEgAEEBRg3KASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBjYCAAzYAgsgASAERgRAQdUAIQMM2AILIAEtAABBCkcNwgEgAUEBaiEBDMoBCyABIARGBEBB1gAhAwzXAgsCQAJAIAEtAABBCmsOBADDAcMBAcMBCyABQQFqIQEMygELIAFBAWohAUHKACEDDL0CC0EAIQACQCACKAI4IgNFDQAgAygCPCIDRQ0AIAIgAxEAACEACyAADb8BQc0AIQMMvAILIAItAClBIkYNzwIMiQELIAQgASIFRgRAQdsAIQMM1AILQQAhAEEBIQFBASEGQQAhAwJAAn8CQAJAAkACQAJAAkACQCAFLQAAQTBrDgrFAcQBAAECAwQFBgjDAQtBAgwGC0EDDAULQQQMBAtBBQwDC0EGDAILQQcMAQtBCAshA0EAIQFBACEGDL0BC0EJIQNBASEAQQAhAUEAIQYMvAELIAEgBEYEQEHdACEDDNMCCyABLQAAQS5HDbgBIAFBAWohAQyIAQsgASAERw22AUHfACEDDNECCyABIARHBEAgAkEONgIIIAIgATYCBEHQACEDDLgCC0HgACEDDNACC0HhACEDIAEgBEYNzwIgAigCACIAIAQgAWtqIQUgASAAa0EDaiEGA0AgAS0AACAAQeLCAGotAABHDbEBIABBA0YNswEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAMzwILQeIAIQMgASAERg3OAiACKAIAIgAgBCABa2ohBSABIABrQQJqIQYDQCABLQAAIABB5sIAai0AAEcNsAEgAEECRg2vASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAzOAgtB4wAhAyABIARGDc0CIAIoAgAiACAEIAFraiEFIAEgAGtBA2ohBgNAIAEtAAAgAEHpwgBqLQAARw2vASAAQQNGDa0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADM0CCyABIARGBEBB5QAhAwzNAgsgAUEBaiEBQQAhAAJAIAIoAjgiA0UNACADKAIwIgNFDQAgAiADEQAAIQALIAANqgFB1gAhAwyzAgsgASAERwRAA0AgAS0AACIAQSBHBEACQAJAAkAgAEHIAGsOCwABswGzAbMBswGzAbMBswGzAQKzAQsgAUEBaiEBQdIAIQMMtwILIAFBAWohAUHTACEDDLYCCyABQQFqIQFB1AAhAwy1AgsgBCABQQFqIgFHDQALQeQAIQMMzAILQeQAIQMMywILA0AgAS0AAEHwwgBqLQAAIgBBAUcEQCAAQQJrDgOnAaYBpQGkAQsgBCABQQFqIgFHDQALQeYAIQMMygILIAFBAWogASAERw0CGkHnACEDDMkCCwNAIAEtAABB8MQAai0AACIAQQFHBEACQCAAQQJrDgSiAaEBoAEAnwELQdcAIQMMsQILIAQgAUEBaiIBRw0AC0HoACEDDMgCCyABIARGBEBB6QAhAwzIAgsCQCABLQAAIgBBCmsOGrcBmwGbAbQBmwGbAZsBmwGbAZsBmwGbAZsBmwGbAZsBmwGbAZsBmwGbAZsBpAGbAZsBAJkBCyABQQFqCyEBQQYhAwytAgsDQCABLQAAQfDGAGotAABBAUcNfSAEIAFBAWoiAUcNAAtB6gAhAwzFAgsgAUEBaiABIARHDQIaQesAIQMMxAILIAEgBEYEQEHsACEDDMQCCyABQQFqDAELIAEgBEYEQEHtACEDDMMCCyABQQFqCyEBQQQhAwyoAgsgASAERgRAQe4AIQMMwQILAkACQAJAIAEtAABB8MgAai0AAEEBaw4HkAGPAY4BAHwBAo0BCyABQQFqIQEMCwsgAUEBagyTAQtBACEDIAJBADYCHCACQZsSNgIQIAJBBzYCDCACIAFBAWo2AhQMwAILAkADQCABLQAAQfDIAGotAAAiAEEERwRAAkACQCAAQQFrDgeUAZMBkgGNAQAEAY0BC0HaACEDDKoCCyABQQFqIQFB3AAhAwypAgsgBCABQQFqIgFHDQALQe8AIQMMwAILIAFBAWoMkQELIAQgASIARgRAQfAAIQMMvwILIAAtAABBL0cNASAAQQFqIQEMBwsgBCABIgBGBEBB8QAhAwy+AgsgAC0AACIBQS9GBEAgAEEBaiEBQd0AIQMMpQILIAFBCmsiA0EWSw0AIAAhAUEBIAN0QYmAgAJxDfkBC0EAIQMgAkEANgIcIAIgADYCFCACQYwcNgIQIAJBBzYCDAy8AgsgASAERwRAIAFBAWohAUHeACEDDKMCC0HyACEDDLsCCyABIARGBEBB9AAhAwy7AgsCQCABLQAAQfDMAGotAABBAWsOA/cBcwCCAQtB4QAhAwyhAgsgASAERwRAA0AgAS0AAEHwygBqLQAAIgBBA0cEQAJAIABBAWsOAvkBAIUBC0HfACEDDKMCCyAEIAFBAWoiAUcNAAtB8wAhAwy6AgtB8wAhAwy5AgsgASAERwRAIAJBDzYCCCACIAE2AgRB4AAhAwygAgtB9QAhAwy4AgsgASAERgRAQfYAIQMMuAILIAJBDzYCCCACIAE2AgQLQQMhAwydAgsDQCABLQAAQSBHDY4CIAQgAUEBaiIBRw0AC0H3ACEDDLUCCyABIARGBEBB+AAhAwy1AgsgAS0AAEEgRw16IAFBAWohAQxbC0EAIQACQCACKAI4IgNFDQAgAygCOCIDRQ0AIAIgAxEAACEACyAADXgMgAILIAEgBEYEQEH6ACEDDLMCCyABLQAAQcwARw10IAFBAWohAUETDHYLQfsAIQMgASAERg2xAiACKAIAIgAgBCABa2ohBSABIABrQQVqIQYDQCABLQAAIABB8M4Aai0AAEcNcyAAQQVGDXUgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAMsQILIAEgBEYEQEH8ACEDDLECCwJAAkAgAS0AAEHDAGsODAB0dHR0dHR0dHR0AXQLIAFBAWohAUHmACEDDJgCCyABQQFqIQFB5wAhAwyXAgtB/QAhAyABIARGDa8CIAIoAgAiACAEIAFraiEFIAEgAGtBAmohBgJAA0AgAS0AACAAQe3PAGotAABHDXIgAEECRg0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADLACCyACQQA2AgAgBkEBaiEBQRAMcwtB/gAhAyABIARGDa4CIAIoAgAiACAEIAFraiEFIAEgAGtBBWohBgJAA0AgAS0AACAAQfbOAGotAABHDXEgAEEFRg0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADK8CCyACQQA2AgAgBkEBaiEBQRYMcgtB/wAhAyABIARGDa0CIAIoAgAiACAEIAFraiEFIAEgAGtBA2ohBgJAA0AgAS0AACAAQfzOAGotAABHDXAgAEEDRg0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADK4CCyACQQA2AgAgBkEBaiEBQQUMcQsgASAERgRAQYABIQMMrQILIAEtAABB2QBHDW4gAUEBaiEBQQgMcAsgASAERgRAQYEBIQMMrAILAkACQCABLQAAQc4Aaw4DAG8BbwsgAUEBaiEBQesAIQMMkwILIAFBAWohAUHsACEDDJICCyABIARGBEBBggEhAwyrAgsCQAJAIAEtAABByABrDggAbm5ubm5uAW4LIAFBAWohAUHqACEDDJICCyABQQFqIQFB7QAhAwyRAgtBgwEhAyABIARGDakCIAIoAgAiACAEIAFraiEFIAEgAGtBAmohBgJAA0AgAS0AACAAQYDPAGotAABHDWwgAEECRg0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADKoCCyACQQA2AgAgBkEBaiEBQQAMbQtBhAEhAyABIARGDagCIAIoAgAiACAEIAFraiEFIAEgAGtBBGohBgJAA0AgAS0AACAAQYPPAGotAABHDWsgAEEERg0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADKkCCyACQQA2AgAgBkEBaiEBQSMMbAsgASAERgRAQYUBIQMMqAILAkACQCABLQAAQcwAaw4IAGtra2trawFrCyABQQFqIQFB7wAhAwyPAgsgAUEBaiEBQfAAIQMMjgILIAEgBEYEQEGGASEDDKcCCyABLQAAQcUARw1oIAFBAWohAQxgC0GHASEDIAEgBEYNpQIgAigCACIAIAQgAWtqIQUgASAAa0EDaiEGAkADQCABLQAAIABBiM8Aai0AAEcNaCAAQQNGDQEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAMpgILIAJBADYCACAGQQFqIQFBLQxpC0GIASEDIAEgBEYNpAIgAigCACIAIAQgAWtqIQUgASAAa0EIaiEGAkADQCABLQAAIABB0M8Aai0AAEcNZyAAQQhGDQEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAMpQILIAJBADYCACAGQQFqIQFBKQxoCyABIARGBEBBiQEhAwykAgtBASABLQAAQd8ARw1nGiABQQFqIQEMXgtBigEhAyABIARGDaICIAIoAgAiACAEIAFraiEFIAEgAGtBAWohBgNAIAEtAAAgAEGMzwBqLQAARw1kIABBAUYN+gEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAMogILQYsBIQMgASAERg2hAiACKAIAIgAgBCABa2ohBSABIABrQQJqIQYCQANAIAEtAAAgAEGOzwBqLQAARw1kIABBAkYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAyiAgsgAkEANgIAIAZBAWohAUECDGULQYwBIQMgASAERg2gAiACKAIAIgAgBCABa2ohBSABIABrQQFqIQYCQANAIAEtAAAgAEHwzwBqLQAARw1jIABBAUYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAyhAgsgAkEANgIAIAZBAWohAUEfDGQLQY0BIQMgASAERg2fAiACKAIAIgAgBCABa2ohBSABIABrQQFqIQYCQANAIAEtAAAgAEHyzwBqLQAARw1iIABBAUYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAygAgsgAkEANgIAIAZBAWohAUEJDGMLIAEgBEYEQEGOASEDDJ8CCwJAAkAgAS0AAEHJAGsOBwBiYmJiYgFiCyABQQFqIQFB+AAhAwyGAgsgAUEBaiEBQfkAIQMMhQILQY8BIQMgASAERg2dAiACKAIAIgAgBCABa2ohBSABIABrQQVqIQYCQANAIAEtAAAgAEGRzwBqLQAARw1gIABBBUYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAyeAgsgAkEANgIAIAZBAWohAUEYDGELQZABIQMgASAERg2cAiACKAIAIgAgBCABa2ohBSABIABrQQJqIQYCQANAIAEtAAAgAEGXzwBqLQAARw1fIABBAkYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAydAgsgAkEANgIAIAZBAWohAUEXDGALQZEBIQMgASAERg2bAiACKAIAIgAgBCABa2ohBSABIABrQQZqIQYCQANAIAEtAAAgAEGazwBqLQAARw1eIABBBkYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAycAgsgAkEANgIAIAZBAWohAUEVDF8LQZIBIQMgASAERg2aAiACKAIAIgAgBCABa2ohBSABIABrQQVqIQYCQANAIAEtAAAgAEGhzwBqLQAARw1dIABBBUYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAybAgsgAkEANgIAIAZBAWohAUEeDF4LIAEgBEYEQEGTASEDDJoCCyABLQAAQcwARw1bIAFBAWohAUEKDF0LIAEgBEYEQEGUASEDDJkCCwJAAkAgAS0AAEHBAGsODwBcXFxcXFxcXFxcXFxcAVwLIAFBAWohAUH+ACEDDIACCyABQQFqIQFB/wAhAwz/AQsgASAERgRAQZUBIQMMmAILAkACQCABLQAAQcEAaw4DAFsBWwsgAUEBaiEBQf0AIQMM/wELIAFBAWohAUGAASEDDP4BC0GWASEDIAEgBEYNlgIgAigCACIAIAQgAWtqIQUgASAAa0EBaiEGAkADQCABLQAAIABBp88Aai0AAEcNWSAAQQFGDQEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAMlwILIAJBADYCACAGQQFqIQFBCwxaCyABIARGBEBBlwEhAwyWAgsCQAJAAkACQCABLQAAQS1rDiMAW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1sBW1tbW1sCW1tbA1sLIAFBAWohAUH7ACEDDP8BCyABQQFqIQFB/AAhAwz+AQsgAUEBaiEBQYEBIQMM/QELIAFBAWohAUGCASEDDPwBC0GYASEDIAEgBEYNlAIgAigCACIAIAQgAWtqIQUgASAAa0EEaiEGAkADQCABLQAAIABBqc8Aai0AAEcNVyAAQQRGDQEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAMlQILIAJBADYCACAGQQFqIQFBGQxYC0GZASEDIAEgBEYNkwIgAigCACIAIAQgAWtqIQUgASAAa0EFaiEGAkADQCABLQAAIABBrs8Aai0AAEcNViAAQQVGDQEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAMlAILIAJBADYCACAGQQFqIQFBBgxXC0GaASEDIAEgBEYNkgIgAigCACIAIAQgAWtqIQUgASAAa0EBaiEGAkADQCABLQAAIABBtM8Aai0AAEcNVSAAQQFGDQEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAMkwILIAJBADYCACAGQQFqIQFBHAxWC0GbASEDIAEgBEYNkQIgAigCACIAIAQgAWtqIQUgASAAa0EBaiEGAkADQCABLQAAIABBts8Aai0AAEcNVCAAQQFGDQEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAMkgILIAJBADYCACAGQQFqIQFBJwxVCyABIARGBEBBnAEhAwyRAgsCQAJAIAEtAABB1ABrDgIAAVQLIAFBAWohAUGGASEDDPgBCyABQQFqIQFBhwEhAwz3AQtBnQEhAyABIARGDY8CIAIoAgAiACAEIAFraiEFIAEgAGtBAWohBgJAA0AgAS0AACAAQbjPAGotAABHDVIgAEEBRg0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADJACCyACQQA2AgAgBkEBaiEBQSYMUwtBngEhAyABIARGDY4CIAIoAgAiACAEIAFraiEFIAEgAGtBAWohBgJAA0AgAS0AACAAQbrPAGotAABHDVEgAEEBRg0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADI8CCyACQQA2AgAgBkEBaiEBQQMMUgtBnwEhAyABIARGDY0CIAIoAgAiACAEIAFraiEFIAEgAGtBAmohBgJAA0AgAS0AACAAQe3PAGotAABHDVAgAEECRg0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADI4CCyACQQA2AgAgBkEBaiEBQQwMUQtBoAEhAyABIARGDYwCIAIoAgAiACAEIAFraiEFIAEgAGtBA2ohBgJAA0AgAS0AACAAQbzPAGotAABHDU8gAEEDRg0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADI0CCyACQQA2AgAgBkEBaiEBQQ0MUAsgASAERgRAQaEBIQMMjAILAkACQCABLQAAQcYAaw4LAE9PT09PT09PTwFPCyABQQFqIQFBiwEhAwzzAQsgAUEBaiEBQYwBIQMM8gELIAEgBEYEQEGiASEDDIsCCyABLQAAQdAARw1MIAFBAWohAQxGCyABIARGBEBBowEhAwyKAgsCQAJAIAEtAABByQBrDgcBTU1NTU0ATQsgAUEBaiEBQY4BIQMM8QELIAFBAWohAUEiDE0LQaQBIQMgASAERg2IAiACKAIAIgAgBCABa2ohBSABIABrQQFqIQYCQANAIAEtAAAgAEHAzwBqLQAARw1LIABBAUYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAyJAgsgAkEANgIAIAZBAWohAUEdDEwLIAEgBEYEQEGlASEDDIgCCwJAAkAgAS0AAEHSAGsOAwBLAUsLIAFBAWohAUGQASEDDO8BCyABQQFqIQFBBAxLCyABIARGBEBBpgEhAwyHAgsCQAJAAkACQAJAIAEtAABBwQBrDhUATU1NTU1NTU1NTQFNTQJNTQNNTQRNCyABQQFqIQFBiAEhAwzxAQsgAUEBaiEBQYkBIQMM8AELIAFBAWohAUGKASEDDO8BCyABQQFqIQFBjwEhAwzuAQsgAUEBaiEBQZEBIQMM7QELQacBIQMgASAERg2FAiACKAIAIgAgBCABa2ohBSABIABrQQJqIQYCQANAIAEtAAAgAEHtzwBqLQAARw1IIABBAkYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAyGAgsgAkEANgIAIAZBAWohAUERDEkLQagBIQMgASAERg2EAiACKAIAIgAgBCABa2ohBSABIABrQQJqIQYCQANAIAEtAAAgAEHCzwBqLQAARw1HIABBAkYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAyFAgsgAkEANgIAIAZBAWohAUEsDEgLQakBIQMgASAERg2DAiACKAIAIgAgBCABa2ohBSABIABrQQRqIQYCQANAIAEtAAAgAEHFzwBqLQAARw1GIABBBEYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAyEAgsgAkEANgIAIAZBAWohAUErDEcLQaoBIQMgASAERg2CAiACKAIAIgAgBCABa2ohBSABIABrQQJqIQYCQANAIAEtAAAgAEHKzwBqLQAARw1FIABBAkYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAyDAgsgAkEANgIAIAZBAWohAUEUDEYLIAEgBEYEQEGrASEDDIICCwJAAkACQAJAIAEtAABBwgBrDg8AAQJHR0dHR0dHR0dHRwNHCyABQQFqIQFBkwEhAwzrAQsgAUEBaiEBQZQBIQMM6gELIAFBAWohAUGVASEDDOkBCyABQQFqIQFBlgEhAwzoAQsgASAERgRAQawBIQMMgQILIAEtAABBxQBHDUIgAUEBaiEBDD0LQa0BIQMgASAERg3/ASACKAIAIgAgBCABa2ohBSABIABrQQJqIQYCQANAIAEtAAAgAEHNzwBqLQAARw1CIABBAkYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAyAAgsgAkEANgIAIAZBAWohAUEODEMLIAEgBEYEQEGuASEDDP8BCyABLQAAQdAARw1AIAFBAWohAUElDEILQa8BIQMgASAERg39ASACKAIAIgAgBCABa2ohBSABIABrQQhqIQYCQANAIAEtAAAgAEHQzwBqLQAARw1AIABBCEYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAz+AQsgAkEANgIAIAZBAWohAUEqDEELIAEgBEYEQEGwASEDDP0BCwJAAkAgAS0AAEHVAGsOCwBAQEBAQEBAQEABQAsgAUEBaiEBQZoBIQMM5AELIAFBAWohAUGbASEDDOMBCyABIARGBEBBsQEhAwz8AQsCQAJAIAEtAABBwQBrDhQAPz8/Pz8/Pz8/Pz8/Pz8/Pz8/AT8LIAFBAWohAUGZASEDDOMBCyABQQFqIQFBnAEhAwziAQtBsgEhAyABIARGDfoBIAIoAgAiACAEIAFraiEFIAEgAGtBA2ohBgJAA0AgAS0AACAAQdnPAGotAABHDT0gAEEDRg0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADPsBCyACQQA2AgAgBkEBaiEBQSEMPgtBswEhAyABIARGDfkBIAIoAgAiACAEIAFraiEFIAEgAGtBBmohBgJAA0AgAS0AACAAQd3PAGotAABHDTwgAEEGRg0BIABBAWohACAEIAFBAWoiAUcNAAsgAiAFNgIADPoBCyACQQA2AgAgBkEBaiEBQRoMPQsgASAERgRAQbQBIQMM+QELAkACQAJAIAEtAABBxQBrDhEAPT09PT09PT09AT09PT09Aj0LIAFBAWohAUGdASEDDOEBCyABQQFqIQFBngEhAwzgAQsgAUEBaiEBQZ8BIQMM3wELQbUBIQMgASAERg33ASACKAIAIgAgBCABa2ohBSABIABrQQVqIQYCQANAIAEtAAAgAEHkzwBqLQAARw06IABBBUYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAz4AQsgAkEANgIAIAZBAWohAUEoDDsLQbYBIQMgASAERg32ASACKAIAIgAgBCABa2ohBSABIABrQQJqIQYCQANAIAEtAAAgAEHqzwBqLQAARw05IABBAkYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAz3AQsgAkEANgIAIAZBAWohAUEHDDoLIAEgBEYEQEG3ASEDDPYBCwJAAkAgAS0AAEHFAGsODgA5OTk5OTk5OTk5OTkBOQsgAUEBaiEBQaEBIQMM3QELIAFBAWohAUGiASEDDNwBC0G4ASEDIAEgBEYN9AEgAigCACIAIAQgAWtqIQUgASAAa0ECaiEGAkADQCABLQAAIABB7c8Aai0AAEcNNyAAQQJGDQEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAM9QELIAJBADYCACAGQQFqIQFBEgw4C0G5ASEDIAEgBEYN8wEgAigCACIAIAQgAWtqIQUgASAAa0EBaiEGAkADQCABLQAAIABB8M8Aai0AAEcNNiAAQQFGDQEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAM9AELIAJBADYCACAGQQFqIQFBIAw3C0G6ASEDIAEgBEYN8gEgAigCACIAIAQgAWtqIQUgASAAa0EBaiEGAkADQCABLQAAIABB8s8Aai0AAEcNNSAAQQFGDQEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAM8wELIAJBADYCACAGQQFqIQFBDww2CyABIARGBEBBuwEhAwzyAQsCQAJAIAEtAABByQBrDgcANTU1NTUBNQsgAUEBaiEBQaUBIQMM2QELIAFBAWohAUGmASEDDNgBC0G8ASEDIAEgBEYN8AEgAigCACIAIAQgAWtqIQUgASAAa0EHaiEGAkADQCABLQAAIABB9M8Aai0AAEcNMyAAQQdGDQEgAEEBaiEAIAQgAUEBaiIBRw0ACyACIAU2AgAM8QELIAJBADYCACAGQQFqIQFBGww0CyABIARGBEBBvQEhAwzwAQsCQAJAAkAgAS0AAEHCAGsOEgA0NDQ0NDQ0NDQBNDQ0NDQ0AjQLIAFBAWohAUGkASEDDNgBCyABQQFqIQFBpwEhAwzXAQsgAUEBaiEBQagBIQMM1gELIAEgBEYEQEG+ASEDDO8BCyABLQAAQc4ARw0wIAFBAWohAQwsCyABIARGBEBBvwEhAwzuAQsCQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQCABLQAAQcEAaw4VAAECAz8EBQY/Pz8HCAkKCz8MDQ4PPwsgAUEBaiEBQegAIQMM4wELIAFBAWohAUHpACEDDOIBCyABQQFqIQFB7gAhAwzhAQsgAUEBaiEBQfIAIQMM4AELIAFBAWohAUHzACEDDN8BCyABQQFqIQFB9gAhAwzeAQsgAUEBaiEBQfcAIQMM3QELIAFBAWohAUH6ACEDDNwBCyABQQFqIQFBgwEhAwzbAQsgAUEBaiEBQYQBIQMM2gELIAFBAWohAUGFASEDDNkBCyABQQFqIQFBkgEhAwzYAQsgAUEBaiEBQZgBIQMM1wELIAFBAWohAUGgASEDDNYBCyABQQFqIQFBowEhAwzVAQsgAUEBaiEBQaoBIQMM1AELIAEgBEcEQCACQRA2AgggAiABNgIEQasBIQMM1AELQcABIQMM7AELQQAhAAJAIAIoAjgiA0UNACADKAI0IgNFDQAgAiADEQAAIQALIABFDV4gAEEVRw0HIAJB0QA2AhwgAiABNgIUIAJBsBc2AhAgAkEVNgIMQQAhAwzrAQsgAUEBaiABIARHDQgaQcIBIQMM6gELA0ACQCABLQAAQQprDgQIAAALAAsgBCABQQFqIgFHDQALQcMBIQMM6QELIAEgBEcEQCACQRE2AgggAiABNgIEQQEhAwzQAQtBxAEhAwzoAQsgASAERgRAQcUBIQMM6AELAkACQCABLQAAQQprDgQBKCgAKAsgAUEBagwJCyABQQFqDAULIAEgBEYEQEHGASEDDOcBCwJAAkAgAS0AAEEKaw4XAQsLAQsLCwsLCwsLCwsLCwsLCwsLCwALCyABQQFqIQELQbABIQMMzQELIAEgBEYEQEHIASEDDOYBCyABLQAAQSBHDQkgAkEAOwEyIAFBAWohAUGzASEDDMwBCwNAIAEhAAJAIAEgBEcEQCABLQAAQTBrQf8BcSIDQQpJDQEMJwtBxwEhAwzmAQsCQCACLwEyIgFBmTNLDQAgAiABQQpsIgU7ATIgBUH+/wNxIANB//8Dc0sNACAAQQFqIQEgAiADIAVqIgM7ATIgA0H//wNxQegHSQ0BCwtBACEDIAJBADYCHCACQcEJNgIQIAJBDTYCDCACIABBAWo2AhQM5AELIAJBADYCHCACIAE2AhQgAkHwDDYCECACQRs2AgxBACEDDOMBCyACKAIEIQAgAkEANgIEIAIgACABECYiAA0BIAFBAWoLIQFBrQEhAwzIAQsgAkHBATYCHCACIAA2AgwgAiABQQFqNgIUQQAhAwzgAQsgAigCBCEAIAJBADYCBCACIAAgARAmIgANASABQQFqCyEBQa4BIQMMxQELIAJBwgE2AhwgAiAANgIMIAIgAUEBajYCFEEAIQMM3QELIAJBADYCHCACIAE2AhQgAkGXCzYCECACQQ02AgxBACEDDNwBCyACQQA2AhwgAiABNgIUIAJB4xA2AhAgAkEJNgIMQQAhAwzbAQsgAkECOgAoDKwBC0EAIQMgAkEANgIcIAJBrws2AhAgAkECNgIMIAIgAUEBajYCFAzZAQtBAiEDDL8BC0ENIQMMvgELQSYhAwy9AQtBFSEDDLwBC0EWIQMMuwELQRghAwy6AQtBHCEDDLkBC0EdIQMMuAELQSAhAwy3AQtBISEDDLYBC0EjIQMMtQELQcYAIQMMtAELQS4hAwyzAQtBPSEDDLIBC0HLACEDDLEBC0HOACEDDLABC0HYACEDDK8BC0HZACEDDK4BC0HbACEDDK0BC0HxACEDDKwBC0H0ACEDDKsBC0GNASEDDKoBC0GXASEDDKkBC0GpASEDDKgBC0GvASEDDKcBC0GxASEDDKYBCyACQQA2AgALQQAhAyACQQA2AhwgAiABNgIUIAJB8Rs2AhAgAkEGNgIMDL0BCyACQQA2AgAgBkEBaiEBQSQLOgApIAIoAgQhACACQQA2AgQgAiAAIAEQJyIARQRAQeUAIQMMowELIAJB+QA2AhwgAiABNgIUIAIgADYCDEEAIQMMuwELIABBFUcEQCACQQA2AhwgAiABNgIUIAJBzA42AhAgAkEgNgIMQQAhAwy7AQsgAkH4ADYCHCACIAE2AhQgAkHKGDYCECACQRU2AgxBACEDDLoBCyACQQA2AhwgAiABNgIUIAJBjhs2AhAgAkEGNgIMQQAhAwy5AQsgAkEANgIcIAIgATYCFCACQf4RNgIQIAJBBzYCDEEAIQMMuAELIAJBADYCHCACIAE2AhQgAkGMHDYCECACQQc2AgxBACEDDLcBCyACQQA2AhwgAiABNgIUIAJBww82AhAgAkEHNgIMQQAhAwy2AQsgAkEANgIcIAIgATYCFCACQcMPNgIQIAJBBzYCDEEAIQMMtQELIAIoAgQhACACQQA2AgQgAiAAIAEQJSIARQ0RIAJB5QA2AhwgAiABNgIUIAIgADYCDEEAIQMMtAELIAIoAgQhACACQQA2AgQgAiAAIAEQJSIARQ0gIAJB0wA2AhwgAiABNgIUIAIgADYCDEEAIQMMswELIAIoAgQhACACQQA2AgQgAiAAIAEQJSIARQ0iIAJB0gA2AhwgAiABNgIUIAIgADYCDEEAIQMMsgELIAIoAgQhACACQQA2AgQgAiAAIAEQJSIARQ0OIAJB5QA2AhwgAiABNgIUIAIgADYCDEEAIQMMsQELIAIoAgQhACACQQA2AgQgAiAAIAEQJSIARQ0dIAJB0wA2AhwgAiABNgIUIAIgADYCDEEAIQMMsAELIAIoAgQhACACQQA2AgQgAiAAIAEQJSIARQ0fIAJB0gA2AhwgAiABNgIUIAIgADYCDEEAIQMMrwELIABBP0cNASABQQFqCyEBQQUhAwyUAQtBACEDIAJBADYCHCACIAE2AhQgAkH9EjYCECACQQc2AgwMrAELIAJBADYCHCACIAE2AhQgAkHcCDYCECACQQc2AgxBACEDDKsBCyACKAIEIQAgAkEANgIEIAIgACABECUiAEUNByACQeUANgIcIAIgATYCFCACIAA2AgxBACEDDKoBCyACKAIEIQAgAkEANgIEIAIgACABECUiAEUNFiACQdMANgIcIAIgATYCFCACIAA2AgxBACEDDKkBCyACKAIEIQAgAkEANgIEIAIgACABECUiAEUNGCACQdIANgIcIAIgATYCFCACIAA2AgxBACEDDKgBCyACQQA2AhwgAiABNgIUIAJBxgo2AhAgAkEHNgIMQQAhAwynAQsgAigCBCEAIAJBADYCBCACIAAgARAlIgBFDQMgAkHlADYCHCACIAE2AhQgAiAANgIMQQAhAwymAQsgAigCBCEAIAJBADYCBCACIAAgARAlIgBFDRIgAkHTADYCHCACIAE2AhQgAiAANgIMQQAhAwylAQsgAigCBCEAIAJBADYCBCACIAAgARAlIgBFDRQgAkHSADYCHCACIAE2AhQgAiAANgIMQQAhAwykAQsgAigCBCEAIAJBADYCBCACIAAgARAlIgBFDQAgAkHlADYCHCACIAE2AhQgAiAANgIMQQAhAwyjAQtB1QAhAwyJAQsgAEEVRwRAIAJBADYCHCACIAE2AhQgAkG5DTYCECACQRo2AgxBACEDDKIBCyACQeQANgIcIAIgATYCFCACQeMXNgIQIAJBFTYCDEEAIQMMoQELIAJBADYCACAGQQFqIQEgAi0AKSIAQSNrQQtJDQQCQCAAQQZLDQBBASAAdEHKAHFFDQAMBQtBACEDIAJBADYCHCACIAE2AhQgAkH3CTYCECACQQg2AgwMoAELIAJBADYCACAGQQFqIQEgAi0AKUEhRg0DIAJBADYCHCACIAE2AhQgAkGbCjYCECACQQg2AgxBACEDDJ8BCyACQQA2AgALQQAhAyACQQA2AhwgAiABNgIUIAJBkDM2AhAgAkEINgIMDJ0BCyACQQA2AgAgBkEBaiEBIAItAClBI0kNACACQQA2AhwgAiABNgIUIAJB0wk2AhAgAkEINgIMQQAhAwycAQtB0QAhAwyCAQsgAS0AAEEwayIAQf8BcUEKSQRAIAIgADoAKiABQQFqIQFBzwAhAwyCAQsgAigCBCEAIAJBADYCBCACIAAgARAoIgBFDYYBIAJB3gA2AhwgAiABNgIUIAIgADYCDEEAIQMMmgELIAIoAgQhACACQQA2AgQgAiAAIAEQKCIARQ2GASACQdwANgIcIAIgATYCFCACIAA2AgxBACEDDJkBCyACKAIEIQAgAkEANgIEIAIgACAFECgiAEUEQCAFIQEMhwELIAJB2gA2AhwgAiAFNgIUIAIgADYCDAyYAQtBACEBQQEhAwsgAiADOgArIAVBAWohAwJAAkACQCACLQAtQRBxDQACQAJAAkAgAi0AKg4DAQACBAsgBkUNAwwCCyAADQEMAgsgAUUNAQsgAigCBCEAIAJBADYCBCACIAAgAxAoIgBFBEAgAyEBDAILIAJB2AA2AhwgAiADNgIUIAIgADYCDEEAIQMMmAELIAIoAgQhACACQQA2AgQgAiAAIAMQKCIARQRAIAMhAQyHAQsgAkHZADYCHCACIAM2AhQgAiAANgIMQQAhAwyXAQtBzAAhAwx9CyAAQRVHBEAgAkEANgIcIAIgATYCFCACQZQNNgIQIAJBITYCDEEAIQMMlgELIAJB1wA2AhwgAiABNgIUIAJByRc2AhAgAkEVNgIMQQAhAwyVAQtBACEDIAJBADYCHCACIAE2AhQgAkGAETYCECACQQk2AgwMlAELIAIoAgQhACACQQA2AgQgAiAAIAEQJSIARQ0AIAJB0wA2AhwgAiABNgIUIAIgADYCDEEAIQMMkwELQckAIQMMeQsgAkEANgIcIAIgATYCFCACQcEoNgIQIAJBBzYCDCACQQA2AgBBACEDDJEBCyACKAIEIQBBACEDIAJBADYCBCACIAAgARAlIgBFDQAgAkHSADYCHCACIAE2AhQgAiAANgIMDJABC0HIACEDDHYLIAJBADYCACAFIQELIAJBgBI7ASogAUEBaiEBQQAhAAJAIAIoAjgiA0UNACADKAIwIgNFDQAgAiADEQAAIQALIAANAQtBxwAhAwxzCyAAQRVGBEAgAkHRADYCHCACIAE2AhQgAkHjFzYCECACQRU2AgxBACEDDIwBC0EAIQMgAkEANgIcIAIgATYCFCACQbkNNgIQIAJBGjYCDAyLAQtBACEDIAJBADYCHCACIAE2AhQgAkGgGTYCECACQR42AgwMigELIAEtAABBOkYEQCACKAIEIQBBACEDIAJBADYCBCACIAAgARApIgBFDQEgAkHDADYCHCACIAA2AgwgAiABQQFqNgIUDIoBC0EAIQMgAkEANgIcIAIgATYCFCACQbERNgIQIAJBCjYCDAyJAQsgAUEBaiEBQTshAwxvCyACQcMANgIcIAIgADYCDCACIAFBAWo2AhQMhwELQQAhAyACQQA2AhwgAiABNgIUIAJB8A42AhAgAkEcNgIMDIYBCyACIAIvATBBEHI7ATAMZgsCQCACLwEwIgBBCHFFDQAgAi0AKEEBRw0AIAItAC1BCHFFDQMLIAIgAEH3+wNxQYAEcjsBMAwECyABIARHBEACQANAIAEtAABBMGsiAEH/AXFBCk8EQEE1IQMMbgsgAikDICIKQpmz5syZs+bMGVYNASACIApCCn4iCjcDICAKIACtQv8BgyILQn+FVg0BIAIgCiALfDcDICAEIAFBAWoiAUcNAAtBOSEDDIUBCyACKAIEIQBBACEDIAJBADYCBCACIAAgAUEBaiIBECoiAA0MDHcLQTkhAwyDAQsgAi0AMEEgcQ0GQcUBIQMMaQtBACEDIAJBADYCBCACIAEgARAqIgBFDQQgAkE6NgIcIAIgADYCDCACIAFBAWo2AhQMgQELIAItAChBAUcNACACLQAtQQhxRQ0BC0E3IQMMZgsgAigCBCEAQQAhAyACQQA2AgQgAiAAIAEQKiIABEAgAkE7NgIcIAIgADYCDCACIAFBAWo2AhQMfwsgAUEBaiEBDG4LIAJBCDoALAwECyABQQFqIQEMbQtBACEDIAJBADYCHCACIAE2AhQgAkHkEjYCECACQQQ2AgwMewsgAigCBCEAQQAhAyACQQA2AgQgAiAAIAEQKiIARQ1sIAJBNzYCHCACIAE2AhQgAiAANgIMDHoLIAIgAi8BMEEgcjsBMAtBMCEDDF8LIAJBNjYCHCACIAE2AhQgAiAANgIMDHcLIABBLEcNASABQQFqIQBBASEBAkACQAJAAkACQCACLQAsQQVrDgQDAQIEAAsgACEBDAQLQQIhAQwBC0EEIQELIAJBAToALCACIAIvATAgAXI7ATAgACEBDAELIAIgAi8BMEEIcjsBMCAAIQELQTkhAwxcCyACQQA6ACwLQTQhAwxaCyABIARGBEBBLSEDDHMLAkACQANAAkAgAS0AAEEKaw4EAgAAAwALIAQgAUEBaiIBRw0AC0EtIQMMdAsgAigCBCEAQQAhAyACQQA2AgQgAiAAIAEQKiIARQ0CIAJBLDYCHCACIAE2AhQgAiAANgIMDHMLIAIoAgQhAEEAIQMgAkEANgIEIAIgACABECoiAEUEQCABQQFqIQEMAgsgAkEsNgIcIAIgADYCDCACIAFBAWo2AhQMcgsgAS0AAEENRgRAIAIoAgQhAEEAIQMgAkEANgIEIAIgACABECoiAEUEQCABQQFqIQEMAgsgAkEsNgIcIAIgADYCDCACIAFBAWo2AhQMcgsgAi0ALUEBcQRAQcQBIQMMWQsgAigCBCEAQQAhAyACQQA2AgQgAiAAIAEQKiIADQEMZQtBLyEDDFcLIAJBLjYCHCACIAE2AhQgAiAANgIMDG8LQQAhAyACQQA2AhwgAiABNgIUIAJB8BQ2AhAgAkEDNgIMDG4LQQEhAwJAAkACQAJAIAItACxBBWsOBAMBAgAECyACIAIvATBBCHI7ATAMAwtBAiEDDAELQQQhAwsgAkEBOgAsIAIgAi8BMCADcjsBMAtBKiEDDFMLQQAhAyACQQA2AhwgAiABNgIUIAJB4Q82AhAgAkEKNgIMDGsLQQEhAwJAAkACQAJAAkACQCACLQAsQQJrDgcFBAQDAQIABAsgAiACLwEwQQhyOwEwDAMLQQIhAwwBC0EEIQMLIAJBAToALCACIAIvATAgA3I7ATALQSshAwxSC0EAIQMgAkEANgIcIAIgATYCFCACQasSNgIQIAJBCzYCDAxqC0EAIQMgAkEANgIcIAIgATYCFCACQf0NNgIQIAJBHTYCDAxpCyABIARHBEADQCABLQAAQSBHDUggBCABQQFqIgFHDQALQSUhAwxpC0ElIQMMaAsgAi0ALUEBcQRAQcMBIQMMTwsgAigCBCEAQQAhAyACQQA2AgQgAiAAIAEQKSIABEAgAkEmNgIcIAIgADYCDCACIAFBAWo2AhQMaAsgAUEBaiEBDFwLIAFBAWohASACLwEwIgBBgAFxBEBBACEAAkAgAigCOCIDRQ0AIAMoAlQiA0UNACACIAMRAAAhAAsgAEUNBiAAQRVHDR8gAkEFNgIcIAIgATYCFCACQfkXNgIQIAJBFTYCDEEAIQMMZwsCQCAAQaAEcUGgBEcNACACLQAtQQJxDQBBACEDIAJBADYCHCACIAE2AhQgAkGWEzYCECACQQQ2AgwMZwsgAgJ/IAIvATBBFHFBFEYEQEEBIAItAChBAUYNARogAi8BMkHlAEYMAQsgAi0AKUEFRgs6AC5BACEAAkAgAigCOCIDRQ0AIAMoAiQiA0UNACACIAMRAAAhAAsCQAJAAkACQAJAIAAOFgIBAAQEBAQEBAQEBAQEBAQEBAQEBAMECyACQQE6AC4LIAIgAi8BMEHAAHI7ATALQSchAwxPCyACQSM2AhwgAiABNgIUIAJBpRY2AhAgAkEVNgIMQQAhAwxnC0EAIQMgAkEANgIcIAIgATYCFCACQdULNgIQIAJBETYCDAxmC0EAIQACQCACKAI4IgNFDQAgAygCLCIDRQ0AIAIgAxEAACEACyAADQELQQ4hAwxLCyAAQRVGBEAgAkECNgIcIAIgATYCFCACQbAYNgIQIAJBFTYCDEEAIQMMZAtBACEDIAJBADYCHCACIAE2AhQgAkGnDjYCECACQRI2AgwMYwtBACEDIAJBADYCHCACIAE2AhQgAkGqHDYCECACQQ82AgwMYgsgAigCBCEAQQAhAyACQQA2AgQgAiAAIAEgCqdqIgEQKyIARQ0AIAJBBTYCHCACIAE2AhQgAiAANgIMDGELQQ8hAwxHC0EAIQMgAkEANgIcIAIgATYCFCACQc0TNgIQIAJBDDYCDAxfC0IBIQoLIAFBAWohAQJAIAIpAyAiC0L//////////w9YBEAgAiALQgSGIAqENwMgDAELQQAhAyACQQA2AhwgAiABNgIUIAJBrQk2AhAgAkEMNgIMDF4LQSQhAwxEC0EAIQMgAkEANgIcIAIgATYCFCACQc0TNgIQIAJBDDYCDAxcCyACKAIEIQBBACEDIAJBADYCBCACIAAgARAsIgBFBEAgAUEBaiEBDFILIAJBFzYCHCACIAA2AgwgAiABQQFqNgIUDFsLIAIoAgQhAEEAIQMgAkEANgIEAkAgAiAAIAEQLCIARQRAIAFBAWohAQwBCyACQRY2AhwgAiAANgIMIAIgAUEBajYCFAxbC0EfIQMMQQtBACEDIAJBADYCHCACIAE2AhQgAkGaDzYCECACQSI2AgwMWQsgAigCBCEAQQAhAyACQQA2AgQgAiAAIAEQLSIARQRAIAFBAWohAQxQCyACQRQ2AhwgAiAANgIMIAIgAUEBajYCFAxYCyACKAIEIQBBACEDIAJBADYCBAJAIAIgACABEC0iAEUEQCABQQFqIQEMAQsgAkETNgIcIAIgADYCDCACIAFBAWo2AhQMWAtBHiEDDD4LQQAhAyACQQA2AhwgAiABNgIUIAJBxgw2AhAgAkEjNgIMDFYLIAIoAgQhAEEAIQMgAkEANgIEIAIgACABEC0iAEUEQCABQQFqIQEMTgsgAkERNgIcIAIgADYCDCACIAFBAWo2AhQMVQsgAkEQNgIcIAIgATYCFCACIAA2AgwMVAtBACEDIAJBADYCHCACIAE2AhQgAkHGDDYCECACQSM2AgwMUwtBACEDIAJBADYCHCACIAE2AhQgAkHAFTYCECACQQI2AgwMUgsgAigCBCEAQQAhAyACQQA2AgQCQCACIAAgARAtIgBFBEAgAUEBaiEBDAELIAJBDjYCHCACIAA2AgwgAiABQQFqNgIUDFILQRshAww4C0EAIQMgAkEANgIcIAIgATYCFCACQcYMNgIQIAJBIzYCDAxQCyACKAIEIQBBACEDIAJBADYCBAJAIAIgACABECwiAEUEQCABQQFqIQEMAQsgAkENNgIcIAIgADYCDCACIAFBAWo2AhQMUAtBGiEDDDYLQQAhAyACQQA2AhwgAiABNgIUIAJBmg82AhAgAkEiNgIMDE4LIAIoAgQhAEEAIQMgAkEANgIEAkAgAiAAIAEQLCIARQRAIAFBAWohAQwBCyACQQw2AhwgAiAANgIMIAIgAUEBajYCFAxOC0EZIQMMNAtBACEDIAJBADYCHCACIAE2AhQgAkGaDzYCECACQSI2AgwMTAsgAEEVRwRAQQAhAyACQQA2AhwgAiABNgIUIAJBgww2AhAgAkETNgIMDEwLIAJBCjYCHCACIAE2AhQgAkHkFjYCECACQRU2AgxBACEDDEsLIAIoAgQhAEEAIQMgAkEANgIEIAIgACABIAqnaiIBECsiAARAIAJBBzYCHCACIAE2AhQgAiAANgIMDEsLQRMhAwwxCyAAQRVHBEBBACEDIAJBADYCHCACIAE2AhQgAkHaDTYCECACQRQ2AgwMSgsgAkEeNgIcIAIgATYCFCACQfkXNgIQIAJBFTYCDEEAIQMMSQtBACEAAkAgAigCOCIDRQ0AIAMoAiwiA0UNACACIAMRAAAhAAsgAEUNQSAAQRVGBEAgAkEDNgIcIAIgATYCFCACQbAYNgIQIAJBFTYCDEEAIQMMSQtBACEDIAJBADYCHCACIAE2AhQgAkGnDjYCECACQRI2AgwMSAtBACEDIAJBADYCHCACIAE2AhQgAkHaDTYCECACQRQ2AgwMRwtBACEDIAJBADYCHCACIAE2AhQgAkGnDjYCECACQRI2AgwMRgsgAkEAOgAvIAItAC1BBHFFDT8LIAJBADoALyACQQE6ADRBACEDDCsLQQAhAyACQQA2AhwgAkHkETYCECACQQc2AgwgAiABQQFqNgIUDEMLAkADQAJAIAEtAABBCmsOBAACAgACCyAEIAFBAWoiAUcNAAtB3QEhAwxDCwJAAkAgAi0ANEEBRw0AQQAhAAJAIAIoAjgiA0UNACADKAJYIgNFDQAgAiADEQAAIQALIABFDQAgAEEVRw0BIAJB3AE2AhwgAiABNgIUIAJB1RY2AhAgAkEVNgIMQQAhAwxEC0HBASEDDCoLIAJBADYCHCACIAE2AhQgAkHpCzYCECACQR82AgxBACEDDEILAkACQCACLQAoQQFrDgIEAQALQcABIQMMKQtBuQEhAwwoCyACQQI6AC9BACEAAkAgAigCOCIDRQ0AIAMoAgAiA0UNACACIAMRAAAhAAsgAEUEQEHCASEDDCgLIABBFUcEQCACQQA2AhwgAiABNgIUIAJBpAw2AhAgAkEQNgIMQQAhAwxBCyACQdsBNgIcIAIgATYCFCACQfoWNgIQIAJBFTYCDEEAIQMMQAsgASAERgRAQdoBIQMMQAsgAS0AAEHIAEYNASACQQE6ACgLQawBIQMMJQtBvwEhAwwkCyABIARHBEAgAkEQNgIIIAIgATYCBEG+ASEDDCQLQdkBIQMMPAsgASAERgRAQdgBIQMMPAsgAS0AAEHIAEcNBCABQQFqIQFBvQEhAwwiCyABIARGBEBB1wEhAww7CwJAAkAgAS0AAEHFAGsOEAAFBQUFBQUFBQUFBQUFBQEFCyABQQFqIQFBuwEhAwwiCyABQQFqIQFBvAEhAwwhC0HWASEDIAEgBEYNOSACKAIAIgAgBCABa2ohBSABIABrQQJqIQYCQANAIAEtAAAgAEGD0ABqLQAARw0DIABBAkYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAw6CyACKAIEIQAgAkIANwMAIAIgACAGQQFqIgEQJyIARQRAQcYBIQMMIQsgAkHVATYCHCACIAE2AhQgAiAANgIMQQAhAww5C0HUASEDIAEgBEYNOCACKAIAIgAgBCABa2ohBSABIABrQQFqIQYCQANAIAEtAAAgAEGB0ABqLQAARw0CIABBAUYNASAAQQFqIQAgBCABQQFqIgFHDQALIAIgBTYCAAw5CyACQYEEOwEoIAIoAgQhACACQgA3AwAgAiAAIAZBAWoiARAnIgANAwwCCyACQQA2AgALQQAhAyACQQA2AhwgAiABNgIUIAJB2Bs2AhAgAkEINgIMDDYLQboBIQMMHAsgAkHTATYCHCACIAE2AhQgAiAANgIMQQAhAww0C0EAIQACQCACKAI4IgNFDQAgAygCOCIDRQ0AIAIgAxEAACEACyAARQ0AIABBFUYNASACQQA2AhwgAiABNgIUIAJBzA42AhAgAkEgNgIMQQAhAwwzC0HkACEDDBkLIAJB+AA2AhwgAiABNgIUIAJByhg2AhAgAkEVNgIMQQAhAwwxC0HSASEDIAQgASIARg0wIAQgAWsgAigCACIBaiEFIAAgAWtBBGohBgJAA0AgAC0AACABQfzPAGotAABHDQEgAUEERg0DIAFBAWohASAEIABBAWoiAEcNAAsgAiAFNgIADDELIAJBADYCHCACIAA2AhQgAkGQMzYCECACQQg2AgwgAkEANgIAQQAhAwwwCyABIARHBEAgAkEONgIIIAIgATYCBEG3ASEDDBcLQdEBIQMMLwsgAkEANgIAIAZBAWohAQtBuAEhAwwUCyABIARGBEBB0AEhAwwtCyABLQAAQTBrIgBB/wFxQQpJBEAgAiAAOgAqIAFBAWohAUG2ASEDDBQLIAIoAgQhACACQQA2AgQgAiAAIAEQKCIARQ0UIAJBzwE2AhwgAiABNgIUIAIgADYCDEEAIQMMLAsgASAERgRAQc4BIQMMLAsCQCABLQAAQS5GBEAgAUEBaiEBDAELIAIoAgQhACACQQA2AgQgAiAAIAEQKCIARQ0VIAJBzQE2AhwgAiABNgIUIAIgADYCDEEAIQMMLAtBtQEhAwwSCyAEIAEiBUYEQEHMASEDDCsLQQAhAEEBIQFBASEGQQAhAwJAAkACQAJAAkACfwJAAkACQAJAAkACQAJAIAUtAABBMGsOCgoJAAECAwQFBggLC0ECDAYLQQMMBQtBBAwEC0EFDAMLQQYMAgtBBwwBC0EICyEDQQAhAUEAIQYMAgtBCSEDQQEhAEEAIQFBACEGDAELQQAhAUEBIQMLIAIgAzoAKyAFQQFqIQMCQAJAIAItAC1BEHENAAJAAkACQCACLQAqDgMBAAIECyAGRQ0DDAILIAANAQwCCyABRQ0BCyACKAIEIQAgAkEANgIEIAIgACADECgiAEUEQCADIQEMAwsgAkHJATYCHCACIAM2AhQgAiAANgIMQQAhAwwtCyACKAIEIQAgAkEANgIEIAIgACADECgiAEUEQCADIQEMGAsgAkHKATYCHCACIAM2AhQgAiAANgIMQQAhAwwsCyACKAIEIQAgAkEANgIEIAIgACAFECgiAEUEQCAFIQEMFgsgAkHLATYCHCACIAU2AhQgAiAANgIMDCsLQbQBIQMMEQtBACEAAkAgAigCOCIDRQ0AIAMoAjwiA0UNACACIAMRAAAhAAsCQCAABEAgAEEVRg0BIAJBADYCHCACIAE2AhQgAkGUDTYCECACQSE2AgxBACEDDCsLQbIBIQMMEQsgAkHIATYCHCACIAE2AhQgAkHJFzYCECACQRU2AgxBACEDDCkLIAJBADYCACAGQQFqIQFB9QAhAwwPCyACLQApQQVGBEBB4wAhAwwPC0HiACEDDA4LIAAhASACQQA2AgALIAJBADoALEEJIQMMDAsgAkEANgIAIAdBAWohAUHAACEDDAsLQQELOgAsIAJBADYCACAGQQFqIQELQSkhAwwIC0E4IQMMBwsCQCABIARHBEADQCABLQAAQYA+ai0AACIAQQFHBEAgAEECRw0DIAFBAWohAQwFCyAEIAFBAWoiAUcNAAtBPiEDDCELQT4hAwwgCwsgAkEAOgAsDAELQQshAwwEC0E6IQMMAwsgAUEBaiEBQS0hAwwCCyACIAE6ACwgAkEANgIAIAZBAWohAUEMIQMMAQsgAkEANgIAIAZBAWohAUEKIQMMAAsAC0EAIQMgAkEANgIcIAIgATYCFCACQc0QNgIQIAJBCTYCDAwXC0EAIQMgAkEANgIcIAIgATYCFCACQekKNgIQIAJBCTYCDAwWC0EAIQMgAkEANgIcIAIgATYCFCACQbcQNgIQIAJBCTYCDAwVC0EAIQMgAkEANgIcIAIgATYCFCACQZwRNgIQIAJBCTYCDAwUC0EAIQMgAkEANgIcIAIgATYCFCACQc0QNgIQIAJBCTYCDAwTC0EAIQMgAkEANgIcIAIgATYCFCACQekKNgIQIAJBCTYCDAwSC0EAIQMgAkEANgIcIAIgATYCFCACQbcQNgIQIAJBCTYCDAwRC0EAIQMgAkEANgIcIAIgATYCFCACQZwRNgIQIAJBCTYCDAwQC0EAIQMgAkEANgIcIAIgATYCFCACQZcVNgIQIAJBDzYCDAwPC0EAIQMgAkEANgIcIAIgATYCFCACQZcVNgIQIAJBDzYCDAwOC0EAIQMgAkEANgIcIAIgATYCFCACQcASNgIQIAJBCzYCDAwNC0EAIQMgAkEANgIcIAIgATYCFCACQZUJNgIQIAJBCzYCDAwMC0EAIQMgAkEANgIcIAIgATYCFCACQeEPNgIQIAJBCjYCDAwLC0EAIQMgAkEANgIcIAIgATYCFCACQfsPNgIQIAJBCjYCDAwKC0EAIQMgAkEANgIcIAIgATYCFCACQfEZNgIQIAJBAjYCDAwJC0EAIQMgAkEANgIcIAIgATYCFCACQcQUNgIQIAJBAjYCDAwIC0EAIQMgAkEANgIcIAIgATYCFCACQfIVNgIQIAJBAjYCDAwHCyACQQI2AhwgAiABNgIUIAJBnBo2AhAgAkEWNgIMQQAhAwwGC0EBIQMMBQtB1AAhAyABIARGDQQgCEEIaiEJIAIoAgAhBQJAAkAgASAERwRAIAVB2MIAaiEHIAQgBWogAWshACAFQX9zQQpqIgUgAWohBgNAIAEtAAAgBy0AAEcEQEECIQcMAwsgBUUEQEEAIQcgBiEBDAMLIAVBAWshBSAHQQFqIQcgBCABQQFqIgFHDQALIAAhBSAEIQELIAlBATYCACACIAU2AgAMAQsgAkEANgIAIAkgBzYCAAsgCSABNgIEIAgoAgwhACAIKAIIDgMBBAIACwALIAJBADYCHCACQbUaNgIQIAJBFzYCDCACIABBAWo2AhRBACEDDAILIAJBADYCHCACIAA2AhQgAkHKGjYCECACQQk2AgxBACEDDAELIAEgBEYEQEEiIQMMAQsgAkEJNgIIIAIgATYCBEEhIQMLIAhBEGokACADRQRAIAIoAgwhAAwBCyACIAM2AhxBACEAIAIoAgQiAUUNACACIAEgBCACKAIIEQEAIgFFDQAgAiAENgIUIAIgATYCDCABIQALIAALvgIBAn8gAEEAOgAAIABB3ABqIgFBAWtBADoAACAAQQA6AAIgAEEAOgABIAFBA2tBADoAACABQQJrQQA6AAAgAEEAOgADIAFBBGtBADoAAEEAIABrQQNxIgEgAGoiAEEANgIAQdwAIAFrQXxxIgIgAGoiAUEEa0EANgIAAkAgAkEJSQ0AIABBADYCCCAAQQA2AgQgAUEIa0EANgIAIAFBDGtBADYCACACQRlJDQAgAEEANgIYIABBADYCFCAAQQA2AhAgAEEANgIMIAFBEGtBADYCACABQRRrQQA2AgAgAUEYa0EANgIAIAFBHGtBADYCACACIABBBHFBGHIiAmsiAUEgSQ0AIAAgAmohAANAIABCADcDGCAAQgA3AxAgAEIANwMIIABCADcDACAAQSBqIQAgAUEgayIBQR9LDQALCwtWAQF/AkAgACgCDA0AAkACQAJAAkAgAC0ALw4DAQADAgsgACgCOCIBRQ0AIAEoAiwiAUUNACAAIAERAAAiAQ0DC0EADwsACyAAQcMWNgIQQQ4hAQsgAQsaACAAKAIMRQRAIABB0Rs2AhAgAEEVNgIMCwsUACAAKAIMQRVGBEAgAEEANgIMCwsUACAAKAIMQRZGBEAgAEEANgIMCwsHACAAKAIMCwcAIAAoAhALCQAgACABNgIQCwcAIAAoAhQLFwAgAEEkTwRAAAsgAEECdEGgM2ooAgALFwAgAEEuTwRAAAsgAEECdEGwNGooAgALvwkBAX9B6yghAQJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAIABB5ABrDvQDY2IAAWFhYWFhYQIDBAVhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhBgcICQoLDA0OD2FhYWFhEGFhYWFhYWFhYWFhEWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYRITFBUWFxgZGhthYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhHB0eHyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2YTc4OTphYWFhYWFhYTthYWE8YWFhYT0+P2FhYWFhYWFhQGFhQWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYUJDREVGR0hJSktMTU5PUFFSU2FhYWFhYWFhVFVWV1hZWlthXF1hYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFeYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhX2BhC0HhJw8LQaQhDwtByywPC0H+MQ8LQcAkDwtBqyQPC0GNKA8LQeImDwtBgDAPC0G5Lw8LQdckDwtB7x8PC0HhHw8LQfofDwtB8iAPC0GoLw8LQa4yDwtBiDAPC0HsJw8LQYIiDwtBjh0PC0HQLg8LQcojDwtBxTIPC0HfHA8LQdIcDwtBxCAPC0HXIA8LQaIfDwtB7S4PC0GrMA8LQdQlDwtBzC4PC0H6Lg8LQfwrDwtB0jAPC0HxHQ8LQbsgDwtB9ysPC0GQMQ8LQdcxDwtBoi0PC0HUJw8LQeArDwtBnywPC0HrMQ8LQdUfDwtByjEPC0HeJQ8LQdQeDwtB9BwPC0GnMg8LQbEdDwtBoB0PC0G5MQ8LQbwwDwtBkiEPC0GzJg8LQeksDwtBrB4PC0HUKw8LQfcmDwtBgCYPC0GwIQ8LQf4eDwtBjSMPC0GJLQ8LQfciDwtBoDEPC0GuHw8LQcYlDwtB6B4PC0GTIg8LQcIvDwtBwx0PC0GLLA8LQeEdDwtBjS8PC0HqIQ8LQbQtDwtB0i8PC0HfMg8LQdIyDwtB8DAPC0GpIg8LQfkjDwtBmR4PC0G1LA8LQZswDwtBkjIPC0G2Kw8LQcIiDwtB+DIPC0GeJQ8LQdAiDwtBuh4PC0GBHg8LAAtB1iEhAQsgAQsWACAAIAAtAC1B/gFxIAFBAEdyOgAtCxkAIAAgAC0ALUH9AXEgAUEAR0EBdHI6AC0LGQAgACAALQAtQfsBcSABQQBHQQJ0cjoALQsZACAAIAAtAC1B9wFxIAFBAEdBA3RyOgAtCz4BAn8CQCAAKAI4IgNFDQAgAygCBCIDRQ0AIAAgASACIAFrIAMRAQAiBEF/Rw0AIABBxhE2AhBBGCEECyAECz4BAn8CQCAAKAI4IgNFDQAgAygCCCIDRQ0AIAAgASACIAFrIAMRAQAiBEF/Rw0AIABB9go2AhBBGCEECyAECz4BAn8CQCAAKAI4IgNFDQAgAygCDCIDRQ0AIAAgASACIAFrIAMRAQAiBEF/Rw0AIABB7Ro2AhBBGCEECyAECz4BAn8CQCAAKAI4IgNFDQAgAygCECIDRQ0AIAAgASACIAFrIAMRAQAiBEF/Rw0AIABBlRA2AhBBGCEECyAECz4BAn8CQCAAKAI4IgNFDQAgAygCFCIDRQ0AIAAgASACIAFrIAMRAQAiBEF/Rw0AIABBqhs2AhBBGCEECyAECz4BAn8CQCAAKAI4IgNFDQAgAygCGCIDRQ0AIAAgASACIAFrIAMRAQAiBEF/Rw0AIABB7RM2AhBBGCEECyAECz4BAn8CQCAAKAI4IgNFDQAgAygCKCIDRQ0AIAAgASACIAFrIAMRAQAiBEF/Rw0AIABB9gg2AhBBGCEECyAECz4BAn8CQCAAKAI4IgNFDQAgAygCHCIDRQ0AIAAgASACIAFrIAMRAQAiBEF/Rw0AIABBwhk2AhBBGCEECyAECz4BAn8CQCAAKAI4IgNFDQAgAygCICIDRQ0AIAAgASACIAFrIAMRAQAiBEF/Rw0AIABBlBQ2AhBBGCEECyAEC1kBAn8CQCAALQAoQQFGDQAgAC8BMiIBQeQAa0HkAEkNACABQcwBRg0AIAFBsAJGDQAgAC8BMCIAQcAAcQ0AQQEhAiAAQYgEcUGABEYNACAAQShxRSECCyACC4wBAQJ/AkACQAJAIAAtACpFDQAgAC0AK0UNACAALwEwIgFBAnFFDQEMAgsgAC8BMCIBQQFxRQ0BC0EBIQIgAC0AKEEBRg0AIAAvATIiAEHkAGtB5ABJDQAgAEHMAUYNACAAQbACRg0AIAFBwABxDQBBACECIAFBiARxQYAERg0AIAFBKHFBAEchAgsgAgtzACAAQRBq/QwAAAAAAAAAAAAAAAAAAAAA/QsDACAA/QwAAAAAAAAAAAAAAAAAAAAA/QsDACAAQTBq/QwAAAAAAAAAAAAAAAAAAAAA/QsDACAAQSBq/QwAAAAAAAAAAAAAAAAAAAAA/QsDACAAQd0BNgIcCwYAIAAQMguaLQELfyMAQRBrIgokAEGk0AAoAgAiCUUEQEHk0wAoAgAiBUUEQEHw0wBCfzcCAEHo0wBCgICEgICAwAA3AgBB5NMAIApBCGpBcHFB2KrVqgVzIgU2AgBB+NMAQQA2AgBByNMAQQA2AgALQczTAEGA1AQ2AgBBnNAAQYDUBDYCAEGw0AAgBTYCAEGs0ABBfzYCAEHQ0wBBgKwDNgIAA0AgAUHI0ABqIAFBvNAAaiICNgIAIAIgAUG00ABqIgM2AgAgAUHA0ABqIAM2AgAgAUHQ0ABqIAFBxNAAaiIDNgIAIAMgAjYCACABQdjQAGogAUHM0ABqIgI2AgAgAiADNgIAIAFB1NAAaiACNgIAIAFBIGoiAUGAAkcNAAtBjNQEQcGrAzYCAEGo0ABB9NMAKAIANgIAQZjQAEHAqwM2AgBBpNAAQYjUBDYCAEHM/wdBODYCAEGI1AQhCQsCQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQCAAQewBTQRAQYzQACgCACIGQRAgAEETakFwcSAAQQtJGyIEQQN2IgB2IgFBA3EEQAJAIAFBAXEgAHJBAXMiAkEDdCIAQbTQAGoiASAAQbzQAGooAgAiACgCCCIDRgRAQYzQACAGQX4gAndxNgIADAELIAEgAzYCCCADIAE2AgwLIABBCGohASAAIAJBA3QiAkEDcjYCBCAAIAJqIgAgACgCBEEBcjYCBAwRC0GU0AAoAgAiCCAETw0BIAEEQAJAQQIgAHQiAkEAIAJrciABIAB0cWgiAEEDdCICQbTQAGoiASACQbzQAGooAgAiAigCCCIDRgRAQYzQACAGQX4gAHdxIgY2AgAMAQsgASADNgIIIAMgATYCDAsgAiAEQQNyNgIEIABBA3QiACAEayEFIAAgAmogBTYCACACIARqIgQgBUEBcjYCBCAIBEAgCEF4cUG00ABqIQBBoNAAKAIAIQMCf0EBIAhBA3Z0IgEgBnFFBEBBjNAAIAEgBnI2AgAgAAwBCyAAKAIICyIBIAM2AgwgACADNgIIIAMgADYCDCADIAE2AggLIAJBCGohAUGg0AAgBDYCAEGU0AAgBTYCAAwRC0GQ0AAoAgAiC0UNASALaEECdEG80gBqKAIAIgAoAgRBeHEgBGshBSAAIQIDQAJAIAIoAhAiAUUEQCACQRRqKAIAIgFFDQELIAEoAgRBeHEgBGsiAyAFSSECIAMgBSACGyEFIAEgACACGyEAIAEhAgwBCwsgACgCGCEJIAAoAgwiAyAARwRAQZzQACgCABogAyAAKAIIIgE2AgggASADNgIMDBALIABBFGoiAigCACIBRQRAIAAoAhAiAUUNAyAAQRBqIQILA0AgAiEHIAEiA0EUaiICKAIAIgENACADQRBqIQIgAygCECIBDQALIAdBADYCAAwPC0F/IQQgAEG/f0sNACAAQRNqIgFBcHEhBEGQ0AAoAgAiCEUNAEEAIARrIQUCQAJAAkACf0EAIARBgAJJDQAaQR8gBEH///8HSw0AGiAEQSYgAUEIdmciAGt2QQFxIABBAXRrQT5qCyIGQQJ0QbzSAGooAgAiAkUEQEEAIQFBACEDDAELQQAhASAEQRkgBkEBdmtBACAGQR9HG3QhAEEAIQMDQAJAIAIoAgRBeHEgBGsiByAFTw0AIAIhAyAHIgUNAEEAIQUgAiEBDAMLIAEgAkEUaigCACIHIAcgAiAAQR12QQRxakEQaigCACICRhsgASAHGyEBIABBAXQhACACDQALCyABIANyRQRAQQAhA0ECIAZ0IgBBACAAa3IgCHEiAEUNAyAAaEECdEG80gBqKAIAIQELIAFFDQELA0AgASgCBEF4cSAEayICIAVJIQAgAiAFIAAbIQUgASADIAAbIQMgASgCECIABH8gAAUgAUEUaigCAAsiAQ0ACwsgA0UNACAFQZTQACgCACAEa08NACADKAIYIQcgAyADKAIMIgBHBEBBnNAAKAIAGiAAIAMoAggiATYCCCABIAA2AgwMDgsgA0EUaiICKAIAIgFFBEAgAygCECIBRQ0DIANBEGohAgsDQCACIQYgASIAQRRqIgIoAgAiAQ0AIABBEGohAiAAKAIQIgENAAsgBkEANgIADA0LQZTQACgCACIDIARPBEBBoNAAKAIAIQECQCADIARrIgJBEE8EQCABIARqIgAgAkEBcjYCBCABIANqIAI2AgAgASAEQQNyNgIEDAELIAEgA0EDcjYCBCABIANqIgAgACgCBEEBcjYCBEEAIQBBACECC0GU0AAgAjYCAEGg0AAgADYCACABQQhqIQEMDwtBmNAAKAIAIgMgBEsEQCAEIAlqIgAgAyAEayIBQQFyNgIEQaTQACAANgIAQZjQACABNgIAIAkgBEEDcjYCBCAJQQhqIQEMDwtBACEBIAQCf0Hk0wAoAgAEQEHs0wAoAgAMAQtB8NMAQn83AgBB6NMAQoCAhICAgMAANwIAQeTTACAKQQxqQXBxQdiq1aoFczYCAEH40wBBADYCAEHI0wBBADYCAEGAgAQLIgAgBEHHAGoiBWoiBkEAIABrIgdxIgJPBEBB/NMAQTA2AgAMDwsCQEHE0wAoAgAiAUUNAEG80wAoAgAiCCACaiEAIAAgAU0gACAIS3ENAEEAIQFB/NMAQTA2AgAMDwtByNMALQAAQQRxDQQCQAJAIAkEQEHM0wAhAQNAIAEoAgAiACAJTQRAIAAgASgCBGogCUsNAwsgASgCCCIBDQALC0EAEDMiAEF/Rg0FIAIhBkHo0wAoAgAiAUEBayIDIABxBEAgAiAAayAAIANqQQAgAWtxaiEGCyAEIAZPDQUgBkH+////B0sNBUHE0wAoAgAiAwRAQbzTACgCACIHIAZqIQEgASAHTQ0GIAEgA0sNBgsgBhAzIgEgAEcNAQwHCyAGIANrIAdxIgZB/v///wdLDQQgBhAzIQAgACABKAIAIAEoAgRqRg0DIAAhAQsCQCAGIARByABqTw0AIAFBf0YNAEHs0wAoAgAiACAFIAZrakEAIABrcSIAQf7///8HSwRAIAEhAAwHCyAAEDNBf0cEQCAAIAZqIQYgASEADAcLQQAgBmsQMxoMBAsgASIAQX9HDQUMAwtBACEDDAwLQQAhAAwKCyAAQX9HDQILQcjTAEHI0wAoAgBBBHI2AgALIAJB/v///wdLDQEgAhAzIQBBABAzIQEgAEF/Rg0BIAFBf0YNASAAIAFPDQEgASAAayIGIARBOGpNDQELQbzTAEG80wAoAgAgBmoiATYCAEHA0wAoAgAgAUkEQEHA0wAgATYCAAsCQAJAAkBBpNAAKAIAIgIEQEHM0wAhAQNAIAAgASgCACIDIAEoAgQiBWpGDQIgASgCCCIBDQALDAILQZzQACgCACIBQQBHIAAgAU9xRQRAQZzQACAANgIAC0EAIQFB0NMAIAY2AgBBzNMAIAA2AgBBrNAAQX82AgBBsNAAQeTTACgCADYCAEHY0wBBADYCAANAIAFByNAAaiABQbzQAGoiAjYCACACIAFBtNAAaiIDNgIAIAFBwNAAaiADNgIAIAFB0NAAaiABQcTQAGoiAzYCACADIAI2AgAgAUHY0ABqIAFBzNAAaiICNgIAIAIgAzYCACABQdTQAGogAjYCACABQSBqIgFBgAJHDQALQXggAGtBD3EiASAAaiICIAZBOGsiAyABayIBQQFyNgIEQajQAEH00wAoAgA2AgBBmNAAIAE2AgBBpNAAIAI2AgAgACADakE4NgIEDAILIAAgAk0NACACIANJDQAgASgCDEEIcQ0AQXggAmtBD3EiACACaiIDQZjQACgCACAGaiIHIABrIgBBAXI2AgQgASAFIAZqNgIEQajQAEH00wAoAgA2AgBBmNAAIAA2AgBBpNAAIAM2AgAgAiAHakE4NgIEDAELIABBnNAAKAIASQRAQZzQACAANgIACyAAIAZqIQNBzNMAIQECQAJAAkADQCADIAEoAgBHBEAgASgCCCIBDQEMAgsLIAEtAAxBCHFFDQELQczTACEBA0AgASgCACIDIAJNBEAgAyABKAIEaiIFIAJLDQMLIAEoAgghAQwACwALIAEgADYCACABIAEoAgQgBmo2AgQgAEF4IABrQQ9xaiIJIARBA3I2AgQgA0F4IANrQQ9xaiIGIAQgCWoiBGshASACIAZGBEBBpNAAIAQ2AgBBmNAAQZjQACgCACABaiIANgIAIAQgAEEBcjYCBAwIC0Gg0AAoAgAgBkYEQEGg0AAgBDYCAEGU0ABBlNAAKAIAIAFqIgA2AgAgBCAAQQFyNgIEIAAgBGogADYCAAwICyAGKAIEIgVBA3FBAUcNBiAFQXhxIQggBUH/AU0EQCAFQQN2IQMgBigCCCIAIAYoAgwiAkYEQEGM0ABBjNAAKAIAQX4gA3dxNgIADAcLIAIgADYCCCAAIAI2AgwMBgsgBigCGCEHIAYgBigCDCIARwRAIAAgBigCCCICNgIIIAIgADYCDAwFCyAGQRRqIgIoAgAiBUUEQCAGKAIQIgVFDQQgBkEQaiECCwNAIAIhAyAFIgBBFGoiAigCACIFDQAgAEEQaiECIAAoAhAiBQ0ACyADQQA2AgAMBAtBeCAAa0EPcSIBIABqIgcgBkE4ayIDIAFrIgFBAXI2AgQgACADakE4NgIEIAIgBUE3IAVrQQ9xakE/ayIDIAMgAkEQakkbIgNBIzYCBEGo0ABB9NMAKAIANgIAQZjQACABNgIAQaTQACAHNgIAIANBEGpB1NMAKQIANwIAIANBzNMAKQIANwIIQdTTACADQQhqNgIAQdDTACAGNgIAQczTACAANgIAQdjTAEEANgIAIANBJGohAQNAIAFBBzYCACAFIAFBBGoiAUsNAAsgAiADRg0AIAMgAygCBEF+cTYCBCADIAMgAmsiBTYCACACIAVBAXI2AgQgBUH/AU0EQCAFQXhxQbTQAGohAAJ/QYzQACgCACIBQQEgBUEDdnQiA3FFBEBBjNAAIAEgA3I2AgAgAAwBCyAAKAIICyIBIAI2AgwgACACNgIIIAIgADYCDCACIAE2AggMAQtBHyEBIAVB////B00EQCAFQSYgBUEIdmciAGt2QQFxIABBAXRrQT5qIQELIAIgATYCHCACQgA3AhAgAUECdEG80gBqIQBBkNAAKAIAIgNBASABdCIGcUUEQCAAIAI2AgBBkNAAIAMgBnI2AgAgAiAANgIYIAIgAjYCCCACIAI2AgwMAQsgBUEZIAFBAXZrQQAgAUEfRxt0IQEgACgCACEDAkADQCADIgAoAgRBeHEgBUYNASABQR12IQMgAUEBdCEBIAAgA0EEcWpBEGoiBigCACIDDQALIAYgAjYCACACIAA2AhggAiACNgIMIAIgAjYCCAwBCyAAKAIIIgEgAjYCDCAAIAI2AgggAkEANgIYIAIgADYCDCACIAE2AggLQZjQACgCACIBIARNDQBBpNAAKAIAIgAgBGoiAiABIARrIgFBAXI2AgRBmNAAIAE2AgBBpNAAIAI2AgAgACAEQQNyNgIEIABBCGohAQwIC0EAIQFB/NMAQTA2AgAMBwtBACEACyAHRQ0AAkAgBigCHCICQQJ0QbzSAGoiAygCACAGRgRAIAMgADYCACAADQFBkNAAQZDQACgCAEF+IAJ3cTYCAAwCCyAHQRBBFCAHKAIQIAZGG2ogADYCACAARQ0BCyAAIAc2AhggBigCECICBEAgACACNgIQIAIgADYCGAsgBkEUaigCACICRQ0AIABBFGogAjYCACACIAA2AhgLIAEgCGohASAGIAhqIgYoAgQhBQsgBiAFQX5xNgIEIAEgBGogATYCACAEIAFBAXI2AgQgAUH/AU0EQCABQXhxQbTQAGohAAJ/QYzQACgCACICQQEgAUEDdnQiAXFFBEBBjNAAIAEgAnI2AgAgAAwBCyAAKAIICyIBIAQ2AgwgACAENgIIIAQgADYCDCAEIAE2AggMAQtBHyEFIAFB////B00EQCABQSYgAUEIdmciAGt2QQFxIABBAXRrQT5qIQULIAQgBTYCHCAEQgA3AhAgBUECdEG80gBqIQBBkNAAKAIAIgJBASAFdCIDcUUEQCAAIAQ2AgBBkNAAIAIgA3I2AgAgBCAANgIYIAQgBDYCCCAEIAQ2AgwMAQsgAUEZIAVBAXZrQQAgBUEfRxt0IQUgACgCACEAAkADQCAAIgIoAgRBeHEgAUYNASAFQR12IQAgBUEBdCEFIAIgAEEEcWpBEGoiAygCACIADQALIAMgBDYCACAEIAI2AhggBCAENgIMIAQgBDYCCAwBCyACKAIIIgAgBDYCDCACIAQ2AgggBEEANgIYIAQgAjYCDCAEIAA2AggLIAlBCGohAQwCCwJAIAdFDQACQCADKAIcIgFBAnRBvNIAaiICKAIAIANGBEAgAiAANgIAIAANAUGQ0AAgCEF+IAF3cSIINgIADAILIAdBEEEUIAcoAhAgA0YbaiAANgIAIABFDQELIAAgBzYCGCADKAIQIgEEQCAAIAE2AhAgASAANgIYCyADQRRqKAIAIgFFDQAgAEEUaiABNgIAIAEgADYCGAsCQCAFQQ9NBEAgAyAEIAVqIgBBA3I2AgQgACADaiIAIAAoAgRBAXI2AgQMAQsgAyAEaiICIAVBAXI2AgQgAyAEQQNyNgIEIAIgBWogBTYCACAFQf8BTQRAIAVBeHFBtNAAaiEAAn9BjNAAKAIAIgFBASAFQQN2dCIFcUUEQEGM0AAgASAFcjYCACAADAELIAAoAggLIgEgAjYCDCAAIAI2AgggAiAANgIMIAIgATYCCAwBC0EfIQEgBUH///8HTQRAIAVBJiAFQQh2ZyIAa3ZBAXEgAEEBdGtBPmohAQsgAiABNgIcIAJCADcCECABQQJ0QbzSAGohAEEBIAF0IgQgCHFFBEAgACACNgIAQZDQACAEIAhyNgIAIAIgADYCGCACIAI2AgggAiACNgIMDAELIAVBGSABQQF2a0EAIAFBH0cbdCEBIAAoAgAhBAJAA0AgBCIAKAIEQXhxIAVGDQEgAUEddiEEIAFBAXQhASAAIARBBHFqQRBqIgYoAgAiBA0ACyAGIAI2AgAgAiAANgIYIAIgAjYCDCACIAI2AggMAQsgACgCCCIBIAI2AgwgACACNgIIIAJBADYCGCACIAA2AgwgAiABNgIICyADQQhqIQEMAQsCQCAJRQ0AAkAgACgCHCIBQQJ0QbzSAGoiAigCACAARgRAIAIgAzYCACADDQFBkNAAIAtBfiABd3E2AgAMAgsgCUEQQRQgCSgCECAARhtqIAM2AgAgA0UNAQsgAyAJNgIYIAAoAhAiAQRAIAMgATYCECABIAM2AhgLIABBFGooAgAiAUUNACADQRRqIAE2AgAgASADNgIYCwJAIAVBD00EQCAAIAQgBWoiAUEDcjYCBCAAIAFqIgEgASgCBEEBcjYCBAwBCyAAIARqIgcgBUEBcjYCBCAAIARBA3I2AgQgBSAHaiAFNgIAIAgEQCAIQXhxQbTQAGohAUGg0AAoAgAhAwJ/QQEgCEEDdnQiAiAGcUUEQEGM0AAgAiAGcjYCACABDAELIAEoAggLIgIgAzYCDCABIAM2AgggAyABNgIMIAMgAjYCCAtBoNAAIAc2AgBBlNAAIAU2AgALIABBCGohAQsgCkEQaiQAIAELQwAgAEUEQD8AQRB0DwsCQCAAQf//A3ENACAAQQBIDQAgAEEQdkAAIgBBf0YEQEH80wBBMDYCAEF/DwsgAEEQdA8LAAsL3D8iAEGACAsJAQAAAAIAAAADAEGUCAsFBAAAAAUAQaQICwkGAAAABwAAAAgAQdwIC4otSW52YWxpZCBjaGFyIGluIHVybCBxdWVyeQBTcGFuIGNhbGxiYWNrIGVycm9yIGluIG9uX2JvZHkAQ29udGVudC1MZW5ndGggb3ZlcmZsb3cAQ2h1bmsgc2l6ZSBvdmVyZmxvdwBSZXNwb25zZSBvdmVyZmxvdwBJbnZhbGlkIG1ldGhvZCBmb3IgSFRUUC94LnggcmVxdWVzdABJbnZhbGlkIG1ldGhvZCBmb3IgUlRTUC94LnggcmVxdWVzdABFeHBlY3RlZCBTT1VSQ0UgbWV0aG9kIGZvciBJQ0UveC54IHJlcXVlc3QASW52YWxpZCBjaGFyIGluIHVybCBmcmFnbWVudCBzdGFydABFeHBlY3RlZCBkb3QAU3BhbiBjYWxsYmFjayBlcnJvciBpbiBvbl9zdGF0dXMASW52YWxpZCByZXNwb25zZSBzdGF0dXMASW52YWxpZCBjaGFyYWN0ZXIgaW4gY2h1bmsgZXh0ZW5zaW9ucwBVc2VyIGNhbGxiYWNrIGVycm9yAGBvbl9yZXNldGAgY2FsbGJhY2sgZXJyb3IAYG9uX2NodW5rX2hlYWRlcmAgY2FsbGJhY2sgZXJyb3IAYG9uX21lc3NhZ2VfYmVnaW5gIGNhbGxiYWNrIGVycm9yAGBvbl9jaHVua19leHRlbnNpb25fdmFsdWVgIGNhbGxiYWNrIGVycm9yAGBvbl9zdGF0dXNfY29tcGxldGVgIGNhbGxiYWNrIGVycm9yAGBvbl92ZXJzaW9uX2NvbXBsZXRlYCBjYWxsYmFjayBlcnJvcgBgb25fdXJsX2NvbXBsZXRlYCBjYWxsYmFjayBlcnJvcgBgb25fY2h1bmtfY29tcGxldGVgIGNhbGxiYWNrIGVycm9yAGBvbl9oZWFkZXJfdmFsdWVfY29tcGxldGVgIGNhbGxiYWNrIGVycm9yAGBvbl9tZXNzYWdlX2NvbXBsZXRlYCBjYWxsYmFjayBlcnJvcgBgb25fbWV0aG9kX2NvbXBsZXRlYCBjYWxsYmFjayBlcnJvcgBgb25faGVhZGVyX2ZpZWxkX2NvbXBsZXRlYCBjYWxsYmFjayBlcnJvcgBgb25fY2h1bmtfZXh0ZW5zaW9uX25hbWVgIGNhbGxiYWNrIGVycm9yAFVuZXhwZWN0ZWQgY2hhciBpbiB1cmwgc2VydmVyAEludmFsaWQgaGVhZGVyIHZhbHVlIGNoYXIASW52YWxpZCBoZWFkZXIgZmllbGQgY2hhcgBTcGFuIGNhbGxiYWNrIGVycm9yIGluIG9uX3ZlcnNpb24ASW52YWxpZCBtaW5vciB2ZXJzaW9uAEludmFsaWQgbWFqb3IgdmVyc2lvbgBFeHBlY3RlZCBzcGFjZSBhZnRlciB2ZXJzaW9uAEV4cGVjdGVkIENSTEYgYWZ0ZXIgdmVyc2lvbgBJbnZhbGlkIEhUVFAgdmVyc2lvbgBJbnZhbGlkIGhlYWRlciB0b2tlbgBTcGFuIGNhbGxiYWNrIGVycm9yIGluIG9uX3VybABJbnZhbGlkIGNoYXJhY3RlcnMgaW4gdXJsAFVuZXhwZWN0ZWQgc3RhcnQgY2hhciBpbiB1cmwARG91YmxlIEAgaW4gdXJsAEVtcHR5IENvbnRlbnQtTGVuZ3RoAEludmFsaWQgY2hhcmFjdGVyIGluIENvbnRlbnQtTGVuZ3RoAER1cGxpY2F0ZSBDb250ZW50LUxlbmd0aABJbnZhbGlkIGNoYXIgaW4gdXJsIHBhdGgAQ29udGVudC1MZW5ndGggY2FuJ3QgYmUgcHJlc2VudCB3aXRoIFRyYW5zZmVyLUVuY29kaW5nAEludmFsaWQgY2hhcmFjdGVyIGluIGNodW5rIHNpemUAU3BhbiBjYWxsYmFjayBlcnJvciBpbiBvbl9oZWFkZXJfdmFsdWUAU3BhbiBjYWxsYmFjayBlcnJvciBpbiBvbl9jaHVua19leHRlbnNpb25fdmFsdWUASW52YWxpZCBjaGFyYWN0ZXIgaW4gY2h1bmsgZXh0ZW5zaW9ucyB2YWx1ZQBNaXNzaW5nIGV4cGVjdGVkIExGIGFmdGVyIGhlYWRlciB2YWx1ZQBJbnZhbGlkIGBUcmFuc2Zlci1FbmNvZGluZ2AgaGVhZGVyIHZhbHVlAEludmFsaWQgY2hhcmFjdGVyIGluIGNodW5rIGV4dGVuc2lvbnMgcXVvdGUgdmFsdWUASW52YWxpZCBjaGFyYWN0ZXIgaW4gY2h1bmsgZXh0ZW5zaW9ucyBxdW90ZWQgdmFsdWUAUGF1c2VkIGJ5IG9uX2hlYWRlcnNfY29tcGxldGUASW52YWxpZCBFT0Ygc3RhdGUAb25fcmVzZXQgcGF1c2UAb25fY2h1bmtfaGVhZGVyIHBhdXNlAG9uX21lc3NhZ2VfYmVnaW4gcGF1c2UAb25fY2h1bmtfZXh0ZW5zaW9uX3ZhbHVlIHBhdXNlAG9uX3N0YXR1c19jb21wbGV0ZSBwYXVzZQBvbl92ZXJzaW9uX2NvbXBsZXRlIHBhdXNlAG9uX3VybF9jb21wbGV0ZSBwYXVzZQBvbl9jaHVua19jb21wbGV0ZSBwYXVzZQBvbl9oZWFkZXJfdmFsdWVfY29tcGxldGUgcGF1c2UAb25fbWVzc2FnZV9jb21wbGV0ZSBwYXVzZQBvbl9tZXRob2RfY29tcGxldGUgcGF1c2UAb25faGVhZGVyX2ZpZWxkX2NvbXBsZXRlIHBhdXNlAG9uX2NodW5rX2V4dGVuc2lvbl9uYW1lIHBhdXNlAFVuZXhwZWN0ZWQgc3BhY2UgYWZ0ZXIgc3RhcnQgbGluZQBTcGFuIGNhbGxiYWNrIGVycm9yIGluIG9uX2NodW5rX2V4dGVuc2lvbl9uYW1lAEludmFsaWQgY2hhcmFjdGVyIGluIGNodW5rIGV4dGVuc2lvbnMgbmFtZQBQYXVzZSBvbiBDT05ORUNUL1VwZ3JhZGUAUGF1c2Ugb24gUFJJL1VwZ3JhZGUARXhwZWN0ZWQgSFRUUC8yIENvbm5lY3Rpb24gUHJlZmFjZQBTcGFuIGNhbGxiYWNrIGVycm9yIGluIG9uX21ldGhvZABFeHBlY3RlZCBzcGFjZSBhZnRlciBtZXRob2QAU3BhbiBjYWxsYmFjayBlcnJvciBpbiBvbl9oZWFkZXJfZmllbGQAUGF1c2VkAEludmFsaWQgd29yZCBlbmNvdW50ZXJlZABJbnZhbGlkIG1ldGhvZCBlbmNvdW50ZXJlZABVbmV4cGVjdGVkIGNoYXIgaW4gdXJsIHNjaGVtYQBSZXF1ZXN0IGhhcyBpbnZhbGlkIGBUcmFuc2Zlci1FbmNvZGluZ2AAU1dJVENIX1BST1hZAFVTRV9QUk9YWQBNS0FDVElWSVRZAFVOUFJPQ0VTU0FCTEVfRU5USVRZAENPUFkATU9WRURfUEVSTUFORU5UTFkAVE9PX0VBUkxZAE5PVElGWQBGQUlMRURfREVQRU5ERU5DWQBCQURfR0FURVdBWQBQTEFZAFBVVABDSEVDS09VVABHQVRFV0FZX1RJTUVPVVQAUkVRVUVTVF9USU1FT1VUAE5FVFdPUktfQ09OTkVDVF9USU1FT1VUAENPTk5FQ1RJT05fVElNRU9VVABMT0dJTl9USU1FT1VUAE5FVFdPUktfUkVBRF9USU1FT1VUAFBPU1QATUlTRElSRUNURURfUkVRVUVTVABDTElFTlRfQ0xPU0VEX1JFUVVFU1QAQ0xJRU5UX0NMT1NFRF9MT0FEX0JBTEFOQ0VEX1JFUVVFU1QAQkFEX1JFUVVFU1QASFRUUF9SRVFVRVNUX1NFTlRfVE9fSFRUUFNfUE9SVABSRVBPUlQASU1fQV9URUFQT1QAUkVTRVRfQ09OVEVOVABOT19DT05URU5UAFBBUlRJQUxfQ09OVEVOVABIUEVfSU5WQUxJRF9DT05TVEFOVABIUEVfQ0JfUkVTRVQAR0VUAEhQRV9TVFJJQ1QAQ09ORkxJQ1QAVEVNUE9SQVJZX1JFRElSRUNUAFBFUk1BTkVOVF9SRURJUkVDVABDT05ORUNUAE1VTFRJX1NUQVRVUwBIUEVfSU5WQUxJRF9TVEFUVVMAVE9PX01BTllfUkVRVUVTVFMARUFSTFlfSElOVFMAVU5BVkFJTEFCTEVfRk9SX0xFR0FMX1JFQVNPTlMAT1BUSU9OUwBTV0lUQ0hJTkdfUFJPVE9DT0xTAFZBUklBTlRfQUxTT19ORUdPVElBVEVTAE1VTFRJUExFX0NIT0lDRVMASU5URVJOQUxfU0VSVkVSX0VSUk9SAFdFQl9TRVJWRVJfVU5LTk9XTl9FUlJPUgBSQUlMR1VOX0VSUk9SAElERU5USVRZX1BST1ZJREVSX0FVVEhFTlRJQ0FUSU9OX0VSUk9SAFNTTF9DRVJUSUZJQ0FURV9FUlJPUgBJTlZBTElEX1hfRk9SV0FSREVEX0ZPUgBTRVRfUEFSQU1FVEVSAEdFVF9QQVJBTUVURVIASFBFX1VTRVIAU0VFX09USEVSAEhQRV9DQl9DSFVOS19IRUFERVIATUtDQUxFTkRBUgBTRVRVUABXRUJfU0VSVkVSX0lTX0RPV04AVEVBUkRPV04ASFBFX0NMT1NFRF9DT05ORUNUSU9OAEhFVVJJU1RJQ19FWFBJUkFUSU9OAERJU0NPTk5FQ1RFRF9PUEVSQVRJT04ATk9OX0FVVEhPUklUQVRJVkVfSU5GT1JNQVRJT04ASFBFX0lOVkFMSURfVkVSU0lPTgBIUEVfQ0JfTUVTU0FHRV9CRUdJTgBTSVRFX0lTX0ZST1pFTgBIUEVfSU5WQUxJRF9IRUFERVJfVE9LRU4ASU5WQUxJRF9UT0tFTgBGT1JCSURERU4ARU5IQU5DRV9ZT1VSX0NBTE0ASFBFX0lOVkFMSURfVVJMAEJMT0NLRURfQllfUEFSRU5UQUxfQ09OVFJPTABNS0NPTABBQ0wASFBFX0lOVEVSTkFMAFJFUVVFU1RfSEVBREVSX0ZJRUxEU19UT09fTEFSR0VfVU5PRkZJQ0lBTABIUEVfT0sAVU5MSU5LAFVOTE9DSwBQUkkAUkVUUllfV0lUSABIUEVfSU5WQUxJRF9DT05URU5UX0xFTkdUSABIUEVfVU5FWFBFQ1RFRF9DT05URU5UX0xFTkdUSABGTFVTSABQUk9QUEFUQ0gATS1TRUFSQ0gAVVJJX1RPT19MT05HAFBST0NFU1NJTkcATUlTQ0VMTEFORU9VU19QRVJTSVNURU5UX1dBUk5JTkcATUlTQ0VMTEFORU9VU19XQVJOSU5HAEhQRV9JTlZBTElEX1RSQU5TRkVSX0VOQ09ESU5HAEV4cGVjdGVkIENSTEYASFBFX0lOVkFMSURfQ0hVTktfU0laRQBNT1ZFAENPTlRJTlVFAEhQRV9DQl9TVEFUVVNfQ09NUExFVEUASFBFX0NCX0hFQURFUlNfQ09NUExFVEUASFBFX0NCX1ZFUlNJT05fQ09NUExFVEUASFBFX0NCX1VSTF9DT01QTEVURQBIUEVfQ0JfQ0hVTktfQ09NUExFVEUASFBFX0NCX0hFQURFUl9WQUxVRV9DT01QTEVURQBIUEVfQ0JfQ0hVTktfRVhURU5TSU9OX1ZBTFVFX0NPTVBMRVRFAEhQRV9DQl9DSFVOS19FWFRFTlNJT05fTkFNRV9DT01QTEVURQBIUEVfQ0JfTUVTU0FHRV9DT01QTEVURQBIUEVfQ0JfTUVUSE9EX0NPTVBMRVRFAEhQRV9DQl9IRUFERVJfRklFTERfQ09NUExFVEUAREVMRVRFAEhQRV9JTlZBTElEX0VPRl9TVEFURQBJTlZBTElEX1NTTF9DRVJUSUZJQ0FURQBQQVVTRQBOT19SRVNQT05TRQBVTlNVUFBPUlRFRF9NRURJQV9UWVBFAEdPTkUATk9UX0FDQ0VQVEFCTEUAU0VSVklDRV9VTkFWQUlMQUJMRQBSQU5HRV9OT1RfU0FUSVNGSUFCTEUAT1JJR0lOX0lTX1VOUkVBQ0hBQkxFAFJFU1BPTlNFX0lTX1NUQUxFAFBVUkdFAE1FUkdFAFJFUVVFU1RfSEVBREVSX0ZJRUxEU19UT09fTEFSR0UAUkVRVUVTVF9IRUFERVJfVE9PX0xBUkdFAFBBWUxPQURfVE9PX0xBUkdFAElOU1VGRklDSUVOVF9TVE9SQUdFAEhQRV9QQVVTRURfVVBHUkFERQBIUEVfUEFVU0VEX0gyX1VQR1JBREUAU09VUkNFAEFOTk9VTkNFAFRSQUNFAEhQRV9VTkVYUEVDVEVEX1NQQUNFAERFU0NSSUJFAFVOU1VCU0NSSUJFAFJFQ09SRABIUEVfSU5WQUxJRF9NRVRIT0QATk9UX0ZPVU5EAFBST1BGSU5EAFVOQklORABSRUJJTkQAVU5BVVRIT1JJWkVEAE1FVEhPRF9OT1RfQUxMT1dFRABIVFRQX1ZFUlNJT05fTk9UX1NVUFBPUlRFRABBTFJFQURZX1JFUE9SVEVEAEFDQ0VQVEVEAE5PVF9JTVBMRU1FTlRFRABMT09QX0RFVEVDVEVEAEhQRV9DUl9FWFBFQ1RFRABIUEVfTEZfRVhQRUNURUQAQ1JFQVRFRABJTV9VU0VEAEhQRV9QQVVTRUQAVElNRU9VVF9PQ0NVUkVEAFBBWU1FTlRfUkVRVUlSRUQAUFJFQ09ORElUSU9OX1JFUVVJUkVEAFBST1hZX0FVVEhFTlRJQ0FUSU9OX1JFUVVJUkVEAE5FVFdPUktfQVVUSEVOVElDQVRJT05fUkVRVUlSRUQATEVOR1RIX1JFUVVJUkVEAFNTTF9DRVJUSUZJQ0FURV9SRVFVSVJFRABVUEdSQURFX1JFUVVJUkVEAFBBR0VfRVhQSVJFRABQUkVDT05ESVRJT05fRkFJTEVEAEVYUEVDVEFUSU9OX0ZBSUxFRABSRVZBTElEQVRJT05fRkFJTEVEAFNTTF9IQU5EU0hBS0VfRkFJTEVEAExPQ0tFRABUUkFOU0ZPUk1BVElPTl9BUFBMSUVEAE5PVF9NT0RJRklFRABOT1RfRVhURU5ERUQAQkFORFdJRFRIX0xJTUlUX0VYQ0VFREVEAFNJVEVfSVNfT1ZFUkxPQURFRABIRUFEAEV4cGVjdGVkIEhUVFAvAABeEwAAJhMAADAQAADwFwAAnRMAABUSAAA5FwAA8BIAAAoQAAB1EgAArRIAAIITAABPFAAAfxAAAKAVAAAjFAAAiRIAAIsUAABNFQAA1BEAAM8UAAAQGAAAyRYAANwWAADBEQAA4BcAALsUAAB0FAAAfBUAAOUUAAAIFwAAHxAAAGUVAACjFAAAKBUAAAIVAACZFQAALBAAAIsZAABPDwAA1A4AAGoQAADOEAAAAhcAAIkOAABuEwAAHBMAAGYUAABWFwAAwRMAAM0TAABsEwAAaBcAAGYXAABfFwAAIhMAAM4PAABpDgAA2A4AAGMWAADLEwAAqg4AACgXAAAmFwAAxRMAAF0WAADoEQAAZxMAAGUTAADyFgAAcxMAAB0XAAD5FgAA8xEAAM8OAADOFQAADBIAALMRAAClEQAAYRAAADIXAAC7EwBB+TULAQEAQZA2C+ABAQECAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEAQf03CwEBAEGROAteAgMCAgICAgAAAgIAAgIAAgICAgICAgICAgAEAAAAAAACAgICAgICAgICAgICAgICAgICAgICAgICAgAAAAICAgICAgICAgICAgICAgICAgICAgICAgICAgICAAIAAgBB/TkLAQEAQZE6C14CAAICAgICAAACAgACAgACAgICAgICAgICAAMABAAAAAICAgICAgICAgICAgICAgICAgICAgICAgICAAAAAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAAgACAEHwOwsNbG9zZWVlcC1hbGl2ZQBBiTwLAQEAQaA8C+ABAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEAAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEAQYk+CwEBAEGgPgvnAQEBAQEBAQEBAQEBAQIBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBY2h1bmtlZABBsMAAC18BAQABAQEBAQAAAQEAAQEAAQEBAQEBAQEBAQAAAAAAAAABAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQAAAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAAEAAQBBkMIACyFlY3Rpb25lbnQtbGVuZ3Rob25yb3h5LWNvbm5lY3Rpb24AQcDCAAstcmFuc2Zlci1lbmNvZGluZ3BncmFkZQ0KDQoNClNNDQoNClRUUC9DRS9UU1AvAEH5wgALBQECAAEDAEGQwwAL4AEEAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQABAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQBB+cQACwUBAgABAwBBkMUAC+ABBAEBBQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEAAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEAQfnGAAsEAQAAAQBBkccAC98BAQEAAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQABAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQBB+sgACwQBAAACAEGQyQALXwMEAAAEBAQEBAQEBAQEBAUEBAQEBAQEBAQEBAQABAAGBwQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAAEAAQABAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQAAAAEAEH6ygALBAEAAAEAQZDLAAsBAQBBqssAC0ECAAAAAAAAAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMAAAAAAAADAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwBB+swACwQBAAABAEGQzQALAQEAQZrNAAsGAgAAAAACAEGxzQALOgMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAAAAAAAAAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMAQfDOAAuWAU5PVU5DRUVDS09VVE5FQ1RFVEVDUklCRUxVU0hFVEVBRFNFQVJDSFJHRUNUSVZJVFlMRU5EQVJWRU9USUZZUFRJT05TQ0hTRUFZU1RBVENIR0VPUkRJUkVDVE9SVFJDSFBBUkFNRVRFUlVSQ0VCU0NSSUJFQVJET1dOQUNFSU5ETktDS1VCU0NSSUJFSFRUUC9BRFRQLw==', 'base64')


/***/ }),

/***/ 172:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.enumToMap = void 0;
function enumToMap(obj) {
    const res = {};
    Object.keys(obj).forEach((key) => {
        const value = obj[key];
        if (typeof value === 'number') {
            res[key] = value;
        }
    });
    return res;
}
exports.enumToMap = enumToMap;
//# sourceMappingURL=utils.js.map

/***/ }),

/***/ 6603:
/***/ ((module) => {



/**
 * This module offers an optimized timer implementation designed for scenarios
 * where high precision is not critical.
 *
 * The timer achieves faster performance by using a low-resolution approach,
 * with an accuracy target of within 500ms. This makes it particularly useful
 * for timers with delays of 1 second or more, where exact timing is less
 * crucial.
 *
 * It's important to note that Node.js timers are inherently imprecise, as
 * delays can occur due to the event loop being blocked by other operations.
 * Consequently, timers may trigger later than their scheduled time.
 */

/**
 * The fastNow variable contains the internal fast timer clock value.
 *
 * @type {number}
 */
let fastNow = 0

/**
 * RESOLUTION_MS represents the target resolution time in milliseconds.
 *
 * @type {number}
 * @default 1000
 */
const RESOLUTION_MS = 1e3

/**
 * TICK_MS defines the desired interval in milliseconds between each tick.
 * The target value is set to half the resolution time, minus 1 ms, to account
 * for potential event loop overhead.
 *
 * @type {number}
 * @default 499
 */
const TICK_MS = (RESOLUTION_MS >> 1) - 1

/**
 * fastNowTimeout is a Node.js timer used to manage and process
 * the FastTimers stored in the `fastTimers` array.
 *
 * @type {NodeJS.Timeout}
 */
let fastNowTimeout

/**
 * The kFastTimer symbol is used to identify FastTimer instances.
 *
 * @type {Symbol}
 */
const kFastTimer = Symbol('kFastTimer')

/**
 * The fastTimers array contains all active FastTimers.
 *
 * @type {FastTimer[]}
 */
const fastTimers = []

/**
 * These constants represent the various states of a FastTimer.
 */

/**
 * The `NOT_IN_LIST` constant indicates that the FastTimer is not included
 * in the `fastTimers` array. Timers with this status will not be processed
 * during the next tick by the `onTick` function.
 *
 * A FastTimer can be re-added to the `fastTimers` array by invoking the
 * `refresh` method on the FastTimer instance.
 *
 * @type {-2}
 */
const NOT_IN_LIST = -2

/**
 * The `TO_BE_CLEARED` constant indicates that the FastTimer is scheduled
 * for removal from the `fastTimers` array. A FastTimer in this state will
 * be removed in the next tick by the `onTick` function and will no longer
 * be processed.
 *
 * This status is also set when the `clear` method is called on the FastTimer instance.
 *
 * @type {-1}
 */
const TO_BE_CLEARED = -1

/**
 * The `PENDING` constant signifies that the FastTimer is awaiting processing
 * in the next tick by the `onTick` function. Timers with this status will have
 * their `_idleStart` value set and their status updated to `ACTIVE` in the next tick.
 *
 * @type {0}
 */
const PENDING = 0

/**
 * The `ACTIVE` constant indicates that the FastTimer is active and waiting
 * for its timer to expire. During the next tick, the `onTick` function will
 * check if the timer has expired, and if so, it will execute the associated callback.
 *
 * @type {1}
 */
const ACTIVE = 1

/**
 * The onTick function processes the fastTimers array.
 *
 * @returns {void}
 */
function onTick () {
  /**
   * Increment the fastNow value by the TICK_MS value, despite the actual time
   * that has passed since the last tick. This approach ensures independence
   * from the system clock and delays caused by a blocked event loop.
   *
   * @type {number}
   */
  fastNow += TICK_MS

  /**
   * The `idx` variable is used to iterate over the `fastTimers` array.
   * Expired timers are removed by replacing them with the last element in the array.
   * Consequently, `idx` is only incremented when the current element is not removed.
   *
   * @type {number}
   */
  let idx = 0

  /**
   * The len variable will contain the length of the fastTimers array
   * and will be decremented when a FastTimer should be removed from the
   * fastTimers array.
   *
   * @type {number}
   */
  let len = fastTimers.length

  while (idx < len) {
    /**
     * @type {FastTimer}
     */
    const timer = fastTimers[idx]

    // If the timer is in the ACTIVE state and the timer has expired, it will
    // be processed in the next tick.
    if (timer._state === PENDING) {
      // Set the _idleStart value to the fastNow value minus the TICK_MS value
      // to account for the time the timer was in the PENDING state.
      timer._idleStart = fastNow - TICK_MS
      timer._state = ACTIVE
    } else if (
      timer._state === ACTIVE &&
      fastNow >= timer._idleStart + timer._idleTimeout
    ) {
      timer._state = TO_BE_CLEARED
      timer._idleStart = -1
      timer._onTimeout(timer._timerArg)
    }

    if (timer._state === TO_BE_CLEARED) {
      timer._state = NOT_IN_LIST

      // Move the last element to the current index and decrement len if it is
      // not the only element in the array.
      if (--len !== 0) {
        fastTimers[idx] = fastTimers[len]
      }
    } else {
      ++idx
    }
  }

  // Set the length of the fastTimers array to the new length and thus
  // removing the excess FastTimers elements from the array.
  fastTimers.length = len

  // If there are still active FastTimers in the array, refresh the Timer.
  // If there are no active FastTimers, the timer will be refreshed again
  // when a new FastTimer is instantiated.
  if (fastTimers.length !== 0) {
    refreshTimeout()
  }
}

function refreshTimeout () {
  // If the fastNowTimeout is already set, refresh it.
  if (fastNowTimeout) {
    fastNowTimeout.refresh()
  // fastNowTimeout is not instantiated yet, create a new Timer.
  } else {
    clearTimeout(fastNowTimeout)
    fastNowTimeout = setTimeout(onTick, TICK_MS)

    // If the Timer has an unref method, call it to allow the process to exit if
    // there are no other active handles.
    if (fastNowTimeout.unref) {
      fastNowTimeout.unref()
    }
  }
}

/**
 * The `FastTimer` class is a data structure designed to store and manage
 * timer information.
 */
class FastTimer {
  [kFastTimer] = true

  /**
   * The state of the timer, which can be one of the following:
   * - NOT_IN_LIST (-2)
   * - TO_BE_CLEARED (-1)
   * - PENDING (0)
   * - ACTIVE (1)
   *
   * @type {-2|-1|0|1}
   * @private
   */
  _state = NOT_IN_LIST

  /**
   * The number of milliseconds to wait before calling the callback.
   *
   * @type {number}
   * @private
   */
  _idleTimeout = -1

  /**
   * The time in milliseconds when the timer was started. This value is used to
   * calculate when the timer should expire.
   *
   * @type {number}
   * @default -1
   * @private
   */
  _idleStart = -1

  /**
   * The function to be executed when the timer expires.
   * @type {Function}
   * @private
   */
  _onTimeout

  /**
   * The argument to be passed to the callback when the timer expires.
   *
   * @type {*}
   * @private
   */
  _timerArg

  /**
   * @constructor
   * @param {Function} callback A function to be executed after the timer
   * expires.
   * @param {number} delay The time, in milliseconds that the timer should wait
   * before the specified function or code is executed.
   * @param {*} arg
   */
  constructor (callback, delay, arg) {
    this._onTimeout = callback
    this._idleTimeout = delay
    this._timerArg = arg

    this.refresh()
  }

  /**
   * Sets the timer's start time to the current time, and reschedules the timer
   * to call its callback at the previously specified duration adjusted to the
   * current time.
   * Using this on a timer that has already called its callback will reactivate
   * the timer.
   *
   * @returns {void}
   */
  refresh () {
    // In the special case that the timer is not in the list of active timers,
    // add it back to the array to be processed in the next tick by the onTick
    // function.
    if (this._state === NOT_IN_LIST) {
      fastTimers.push(this)
    }

    // If the timer is the only active timer, refresh the fastNowTimeout for
    // better resolution.
    if (!fastNowTimeout || fastTimers.length === 1) {
      refreshTimeout()
    }

    // Setting the state to PENDING will cause the timer to be reset in the
    // next tick by the onTick function.
    this._state = PENDING
  }

  /**
   * The `clear` method cancels the timer, preventing it from executing.
   *
   * @returns {void}
   * @private
   */
  clear () {
    // Set the state to TO_BE_CLEARED to mark the timer for removal in the next
    // tick by the onTick function.
    this._state = TO_BE_CLEARED

    // Reset the _idleStart value to -1 to indicate that the timer is no longer
    // active.
    this._idleStart = -1
  }
}

/**
 * This module exports a setTimeout and clearTimeout function that can be
 * used as a drop-in replacement for the native functions.
 */
module.exports = {
  /**
   * The setTimeout() method sets a timer which executes a function once the
   * timer expires.
   * @param {Function} callback A function to be executed after the timer
   * expires.
   * @param {number} delay The time, in milliseconds that the timer should
   * wait before the specified function or code is executed.
   * @param {*} [arg] An optional argument to be passed to the callback function
   * when the timer expires.
   * @returns {NodeJS.Timeout|FastTimer}
   */
  setTimeout (callback, delay, arg) {
    // If the delay is less than or equal to the RESOLUTION_MS value return a
    // native Node.js Timer instance.
    return delay <= RESOLUTION_MS
      ? setTimeout(callback, delay, arg)
      : new FastTimer(callback, delay, arg)
  },
  /**
   * The clearTimeout method cancels an instantiated Timer previously created
   * by calling setTimeout.
   *
   * @param {NodeJS.Timeout|FastTimer} timeout
   */
  clearTimeout (timeout) {
    // If the timeout is a FastTimer, call its own clear method.
    if (timeout[kFastTimer]) {
      /**
       * @type {FastTimer}
       */
      timeout.clear()
      // Otherwise it is an instance of a native NodeJS.Timeout, so call the
      // Node.js native clearTimeout function.
    } else {
      clearTimeout(timeout)
    }
  },
  /**
   * The setFastTimeout() method sets a fastTimer which executes a function once
   * the timer expires.
   * @param {Function} callback A function to be executed after the timer
   * expires.
   * @param {number} delay The time, in milliseconds that the timer should
   * wait before the specified function or code is executed.
   * @param {*} [arg] An optional argument to be passed to the callback function
   * when the timer expires.
   * @returns {FastTimer}
   */
  setFastTimeout (callback, delay, arg) {
    return new FastTimer(callback, delay, arg)
  },
  /**
   * The clearTimeout method cancels an instantiated FastTimer previously
   * created by calling setFastTimeout.
   *
   * @param {FastTimer} timeout
   */
  clearFastTimeout (timeout) {
    timeout.clear()
  },
  /**
   * The now method returns the value of the internal fast timer clock.
   *
   * @returns {number}
   */
  now () {
    return fastNow
  },
  /**
   * Trigger the onTick function to process the fastTimers array.
   * Exported for testing purposes only.
   * Marking as deprecated to discourage any use outside of testing.
   * @deprecated
   * @param {number} [delay=0] The delay in milliseconds to add to the now value.
   */
  tick (delay = 0) {
    fastNow += delay - RESOLUTION_MS + 1
    onTick()
    onTick()
  },
  /**
   * Reset FastTimers.
   * Exported for testing purposes only.
   * Marking as deprecated to discourage any use outside of testing.
   * @deprecated
   */
  reset () {
    fastNow = 0
    fastTimers.length = 0
    clearTimeout(fastNowTimeout)
    fastNowTimeout = null
  },
  /**
   * Exporting for testing purposes only.
   * Marking as deprecated to discourage any use outside of testing.
   * @deprecated
   */
  kFastTimer
}


/***/ }),

/***/ 689:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ HttpClient),
/* harmony export */   t: () => (/* binding */ BearerCredentialHandler)
/* harmony export */ });
/**
 * Bundled in place of `@actions/http-client` (tsconfig `paths`, which ncc follows). @actions/core
 * imports it at start-up only for getIDToken, which this action never calls, and it would load
 * all of undici on every run: about 30 ms of a cold start. Calling it is a bug, said plainly.
 *
 * @actions/github builds a default proxy agent from it when it loads (src/github/), which this
 * action replaces with its own fetch: that agent is "none", as http-client gives without a proxy.
 */
function unused() {
    throw new Error('@actions/http-client is not bundled: OIDC tokens are not used by this action');
}
class HttpClient {
    getAgent() {
        return undefined;
    }
    getAgentDispatcher() {
        return undefined;
    }
    getJson() {
        unused();
    }
}
// eslint-disable-next-line @typescript-eslint/no-extraneous-class -- stands in for a class core constructs
class BearerCredentialHandler {
    constructor() {
        unused();
    }
}


/***/ }),

/***/ 203:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DI: () => (/* reexport safe */ _run_job_results_js__WEBPACK_IMPORTED_MODULE_0__.DI),
/* harmony export */   Ix: () => (/* reexport safe */ _run_job_results_js__WEBPACK_IMPORTED_MODULE_0__.Ix),
/* harmony export */   YP: () => (/* reexport safe */ _run_job_results_js__WEBPACK_IMPORTED_MODULE_0__.YP),
/* harmony export */   fx: () => (/* reexport safe */ _run_job_results_js__WEBPACK_IMPORTED_MODULE_0__.fx),
/* harmony export */   uO: () => (/* binding */ NeedsError),
/* harmony export */   wW: () => (/* binding */ jobsFromNeeds)
/* harmony export */ });
/* harmony import */ var _run_job_results_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7997);

class NeedsError extends Error {
    name = 'NeedsError';
}
const NEEDS_RESULTS = ['success', 'failure', 'cancelled', 'skipped'];
/**
 * The jobs of `${{ toJSON(needs) }}`: `{ "build": { "result": "success", "outputs": {} } }`. For
 * workflows whose token cannot read the run (`actions: read`): results without steps or links.
 */
function jobsFromNeeds(text) {
    let needs;
    try {
        needs = JSON.parse(text);
    }
    catch {
        throw new NeedsError('needs must be ${{ toJSON(needs) }}: JSON that could not be parsed');
    }
    if (typeof needs !== 'object' || needs === null || Array.isArray(needs)) {
        throw new NeedsError('needs must be ${{ toJSON(needs) }}: a JSON object of jobs');
    }
    return Object.entries(needs).map(([name, value]) => {
        const result = value?.result;
        if (typeof result !== 'string' || !NEEDS_RESULTS.includes(result)) {
            throw new NeedsError(`needs.${name}.result must be one of ${NEEDS_RESULTS.join(', ')}; is the input \${{ toJSON(needs) }}?`);
        }
        return {
            id: 0,
            name,
            result: result,
            completed: true,
            startedAt: undefined,
            completedAt: undefined,
            failedStep: undefined
        };
    });
}


/***/ }),

/***/ 3658:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ safeText),
/* harmony export */   I: () => (/* binding */ RunLookupError)
/* harmony export */ });
/**
 * Why a read of the GitHub API failed, and the text of its answers kept as data. Apart from
 * api.ts, so that a read which needs no Octokit (workflow-file.ts) does not load it.
 */
/** Why the run could not be read; its message is safe to show (never the token, bounded length). */
class RunLookupError extends Error {
    kind;
    status;
    name = 'RunLookupError';
    constructor(message, kind, status) {
        super(message);
        this.kind = kind;
        this.status = status;
    }
}
/** Text from the API, kept as data: no control characters, a bounded length. */
function safeText(value, max) {
    const text = typeof value === 'string' ? value : '';
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    const clean = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
    return clean.length > max ? Array.from(clean).slice(0, max).join('') : clean;
}


/***/ }),

/***/ 9407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2158);

await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 2158:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  e: () => (/* binding */ run)
});

// NAMESPACE OBJECT: ./node_modules/@actions/core/lib/platform.js
var platform_namespaceObject = {};
__nccwpck_require__.r(platform_namespaceObject);
__nccwpck_require__.d(platform_namespaceObject, {
  arch: () => (arch),
  getDetails: () => (getDetails),
  isLinux: () => (isLinux),
  isMacOS: () => (isMacOS),
  isWindows: () => (isWindows),
  platform: () => (platform)
});

// NAMESPACE OBJECT: ./node_modules/@actions/core/lib/core.js
var core_namespaceObject = {};
__nccwpck_require__.r(core_namespaceObject);
__nccwpck_require__.d(core_namespaceObject, {
  ExitCode: () => (ExitCode),
  addPath: () => (addPath),
  debug: () => (debug),
  endGroup: () => (endGroup),
  error: () => (error),
  exportVariable: () => (exportVariable),
  getBooleanInput: () => (getBooleanInput),
  getIDToken: () => (getIDToken),
  getInput: () => (getInput),
  getMultilineInput: () => (getMultilineInput),
  getState: () => (getState),
  group: () => (group),
  info: () => (info),
  isDebug: () => (isDebug),
  markdownSummary: () => (markdownSummary),
  notice: () => (core_notice),
  platform: () => (platform_namespaceObject),
  saveState: () => (saveState),
  setCommandEcho: () => (setCommandEcho),
  setFailed: () => (setFailed),
  setOutput: () => (setOutput),
  setSecret: () => (setSecret),
  startGroup: () => (startGroup),
  summary: () => (summary_summary),
  toPlatformPath: () => (toPlatformPath),
  toPosixPath: () => (toPosixPath),
  toWin32Path: () => (toWin32Path),
  warning: () => (core_warning)
});

// EXTERNAL MODULE: external "os"
var external_os_ = __nccwpck_require__(857);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_.EOL);
}
function issue(name, message = '') {
    issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
;// CONCATENATED MODULE: external "crypto"
const external_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");
// EXTERNAL MODULE: external "fs"
var external_fs_ = __nccwpck_require__(9896);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_.appendFileSync(filePath, `${toCommandValue(message)}${external_os_.EOL}`, {
        encoding: 'utf8'
    });
}
function prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_namespaceObject.randomUUID()}`;
    const convertedValue = toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_.EOL}${convertedValue}${external_os_.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
// EXTERNAL MODULE: external "path"
var external_path_ = __nccwpck_require__(6928);
// EXTERNAL MODULE: ./src/action/http-client-unused.ts
var http_client_unused = __nccwpck_require__(689);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/oidc-utils.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



class OidcClient {
    static createHttpClient(allowRetry = true, maxRetry = 10) {
        const requestOptions = {
            allowRetries: allowRetry,
            maxRetries: maxRetry
        };
        return new http_client_unused/* HttpClient */.Q('actions/oidc-client', [new http_client_unused/* BearerCredentialHandler */.t(OidcClient.getRequestToken())], requestOptions);
    }
    static getRequestToken() {
        const token = process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
        if (!token) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable');
        }
        return token;
    }
    static getIDTokenUrl() {
        const runtimeUrl = process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
        if (!runtimeUrl) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable');
        }
        return runtimeUrl;
    }
    static getCall(id_token_url) {
        return __awaiter(this, void 0, void 0, function* () {
            var _a;
            const httpclient = OidcClient.createHttpClient();
            const res = yield httpclient
                .getJson(id_token_url)
                .catch(error => {
                throw new Error(`Failed to get ID Token. \n 
        Error Code : ${error.statusCode}\n 
        Error Message: ${error.message}`);
            });
            const id_token = (_a = res.result) === null || _a === void 0 ? void 0 : _a.value;
            if (!id_token) {
                throw new Error('Response json body do not have ID Token field');
            }
            return id_token;
        });
    }
    static getIDToken(audience) {
        return __awaiter(this, void 0, void 0, function* () {
            try {
                // New ID Token is requested from action service
                let id_token_url = OidcClient.getIDTokenUrl();
                if (audience) {
                    const encodedAudience = encodeURIComponent(audience);
                    id_token_url = `${id_token_url}&audience=${encodedAudience}`;
                }
                debug(`ID token url is ${id_token_url}`);
                const id_token = yield OidcClient.getCall(id_token_url);
                setSecret(id_token);
                return id_token;
            }
            catch (error) {
                throw new Error(`Error message: ${error.message}`);
            }
        });
    }
}
//# sourceMappingURL=oidc-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/summary.js
var summary_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { access, appendFile, writeFile } = external_fs_.promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return summary_awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, external_fs_.constants.R_OK | external_fs_.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return summary_awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return summary_awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(external_os_.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = _summary;
const summary_summary = _summary;
//# sourceMappingURL=summary.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/path-utils.js

/**
 * toPosixPath converts the given path to the posix form. On Windows, \\ will be
 * replaced with /.
 *
 * @param pth. Path to transform.
 * @return string Posix path.
 */
function toPosixPath(pth) {
    return pth.replace(/[\\]/g, '/');
}
/**
 * toWin32Path converts the given path to the win32 form. On Linux, / will be
 * replaced with \\.
 *
 * @param pth. Path to transform.
 * @return string Win32 path.
 */
function toWin32Path(pth) {
    return pth.replace(/[/]/g, '\\');
}
/**
 * toPlatformPath converts the given path to a platform-specific path. It does
 * this by replacing instances of / and \ with the platform-specific path
 * separator.
 *
 * @param pth The path to platformize.
 * @return string The platform-specific path.
 */
function toPlatformPath(pth) {
    return pth.replace(/[/\\]/g, external_path_.sep);
}
//# sourceMappingURL=path-utils.js.map
;// CONCATENATED MODULE: ./src/action/exec-unused.ts
/**
 * Bundled in place of `@actions/exec` (tsconfig `paths`, as src/action/http-client-unused.ts):
 * @actions/core imports it only for `platform.getDetails()`, which this action never calls, and it
 * would bundle @actions/io and load node:child_process on every run. Calling it is a bug, said plainly.
 */
function getExecOutput() {
    throw new Error('@actions/exec is not bundled: this action runs no programs');
}

;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/platform.js
var platform_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const getWindowsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout: version } = yield getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Version"', undefined, {
        silent: true
    });
    const { stdout: name } = yield getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Caption"', undefined, {
        silent: true
    });
    return {
        name: name.trim(),
        version: version.trim()
    };
});
const getMacOsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    var _a, _b, _c, _d;
    const { stdout } = yield getExecOutput('sw_vers', undefined, {
        silent: true
    });
    const version = (_b = (_a = stdout.match(/ProductVersion:\s*(.+)/)) === null || _a === void 0 ? void 0 : _a[1]) !== null && _b !== void 0 ? _b : '';
    const name = (_d = (_c = stdout.match(/ProductName:\s*(.+)/)) === null || _c === void 0 ? void 0 : _c[1]) !== null && _d !== void 0 ? _d : '';
    return {
        name,
        version
    };
});
const getLinuxInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout } = yield getExecOutput('lsb_release', ['-i', '-r', '-s'], {
        silent: true
    });
    const [name, version] = stdout.trim().split('\n');
    return {
        name,
        version
    };
});
const platform = external_os_.platform();
const arch = external_os_.arch();
const isWindows = platform === 'win32';
const isMacOS = platform === 'darwin';
const isLinux = platform === 'linux';
function getDetails() {
    return platform_awaiter(this, void 0, void 0, function* () {
        return Object.assign(Object.assign({}, (yield (isWindows
            ? getWindowsInfo()
            : isMacOS
                ? getMacOsInfo()
                : getLinuxInfo()))), { platform,
            arch,
            isWindows,
            isMacOS,
            isLinux });
    });
}
//# sourceMappingURL=platform.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/core.js
var core_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};






/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function setSecret(secret) {
    issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${external_path_.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_.EOL);
    issueCommand('set-output', { name }, toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function debug(message) {
    issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    issueCommand('error', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function core_warning(message, properties = {}) {
    issueCommand('warning', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function core_notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + external_os_.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return core_awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return issueFileCommand('STATE', prepareKeyValueMessage(name, value));
    }
    issueCommand('save-state', { name }, toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return core_awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */

//# sourceMappingURL=core.js.map
// EXTERNAL MODULE: ./src/template/inert.ts
var inert = __nccwpck_require__(4442);
;// CONCATENATED MODULE: ./src/template/pasted.ts
/**
 * Event text the runner pasted into an input. The runner fills in every `${{ }}` of `with:` before
 * the action starts, so `body: "Pushed: ${{ github.event.head_commit.message }}"` reaches the
 * action as finished text: the commit message is then indistinguishable from the author's words,
 * and any `{{ }}`, `@all` or `<img>` in it would act. The action holds the event payload, so it
 * recognises such text: a string of the payload found in an input (as it is, or in a form the way
 * in gives it: formsToSearch) is a value, never evaluated and made inert as an inserted `{{ }}`
 * value is (render.ts). This is the fallback: where the workflow file can be read, every span a
 * `${{ }}` filled in is known exactly (workflow-source.ts).
 *
 * Which strings count (the README's "Text the runner pasted in"): at least 4 characters (the
 * shortest room-wide mention, `@all`), and holding something that would act: a `{{`, or anything
 * inertText() would change (a mention, markup, a link label, a block marker). A string that would
 * read the same inert changes nothing when treated as pasted, and a shorter one (`*`, `#1`) is as
 * likely the author's own markup, which must keep working.
 *
 * Cost: the inputs are indexed once (a suffix automaton, linear in their length), then each event
 * string is walked through the index at most once, so the whole check is linear in the payload
 * plus the inputs; runs whose inputs hold nothing that could act never get here (couldAct).
 */

/** The shortest event string taken for pasted text: `@all`. */
const MIN_PASTED_LENGTH = 4;
/** Checked before anything else: a plain send (`body: Deployed`) pays one regex test per input. */
const COULD_ACT = /\{\{|[@#<>[\]*_~`|\\]/;
/** The most distinct pasted strings looked for in a text, longest first: each is one indexOf pass. */
const MAX_STRINGS = 200;
/** Whether text holds anything that could act once rendered: only then is pasted text looked for. */
function couldAct(text) {
    return COULD_ACT.test(text);
}
/** The event's long GitHub-markdown texts: `release.body`, `pull_request.body`, `comment.body`... */
const MARKDOWN_PATH = /\.body$/;
/**
 * The event strings that occur in `inputs` and would act, ready to be found in any text rendered
 * from them; undefined when there are none.
 */
function pastedFinder(event, inputs, links) {
    const indexed = inputs.filter(couldAct);
    if (indexed.length === 0)
        return undefined;
    // A NUL never ends a real string match across two inputs: every match is re-found per text.
    const contains = substringIndex(indexed.join('\u0000'));
    const longest = Math.max(...indexed.map(text => text.length));
    const found = new Map();
    // Depth first without recursion (a payload may nest deeply); only containers get a frame.
    const frames = [];
    const enter = (value, key) => {
        if (typeof value === 'object' && value !== null) {
            const keys = Array.isArray(value) ? undefined : Object.keys(value);
            frames.push({ container: value, keys, next: 0, key });
        }
    };
    enter(event, '');
    while (frames.length > 0) {
        const frame = frames[frames.length - 1];
        const { container, keys } = frame;
        const size = keys ? keys.length : container.length;
        if (frame.next >= size) {
            frames.pop();
            continue;
        }
        const index = frame.next++;
        const key = keys ? keys[index] : index;
        const value = container[key];
        if (typeof value !== 'string') {
            enter(value, key);
        }
        else if (!found.has(value)) {
            const searched = formsToSearch(value, longest, contains, links);
            if (searched)
                found.set(value, { keys: [...frames.slice(1).map(f => f.key), key], searched });
        }
    }
    if (found.size === 0)
        return undefined;
    const strings = [...found.values()]
        .flatMap(({ keys, searched }) => {
        const path = pathOf(keys);
        const markdown = MARKDOWN_PATH.test(path);
        return searched.map(text => ({ text, path, markdown }));
    })
        .sort((a, b) => b.text.length - a.text.length)
        .slice(0, MAX_STRINGS);
    return {
        spansIn: text => spansIn(text, strings),
        markdown: strings.some(string => string.markdown)
    };
}
/**
 * The forms an event string takes on its way into an input, when one of them is in the inputs and
 * it would act: as it is; trimmed (`core.getInput` trims, U+FEFF and U+3000 included); each line of
 * a multi-line string (a commit's subject, through `git log --format=%s` and a step output); and as
 * `toJSON()` writes it, for a string and for an object holding it. Then the forms YAML or JSON
 * unquoting gives it in `attachments` (a title in quotes, a `\u0040`), found in the parsed scalar.
 * A form that is a short end of a mention (`x @` then another field's `all`) counts too: the join
 * is made inert. Undefined when the string is not in the inputs or nothing in it would act.
 */
function formsToSearch(value, longest, contains, links) {
    if (value.length < 2)
        return undefined;
    if (value.length < MIN_PASTED_LENGTH) {
        return value.endsWith('@') && contains(value) ? [value] : undefined;
    }
    const escaped = JSON.stringify(value).slice(1, -1);
    if (!couldAct(value) && !couldAct(escaped))
        return undefined;
    const written = new Set([value, value.trim(), escaped]);
    if (value.includes('\n') || value.includes('\r')) {
        for (const line of value.split(LINE_BREAK))
            written.add(line).add(line.trim());
    }
    const present = [...written].some(form => form.length >= MIN_PASTED_LENGTH && form.length <= longest && contains(form));
    if (!present)
        return undefined;
    const forms = new Set(written);
    for (const form of unquoted(value))
        forms.add(form).add(form.trim());
    const acting = (form) => form.length >= MIN_PASTED_LENGTH &&
        couldAct(form) &&
        (form.includes('{{') || (0,inert/* inertText */.UJ)(form, links) !== form);
    // The escaped form is searched for its string: its backslashes alone say nothing.
    if (![...forms].some(form => (form !== escaped || form === value) && acting(form)))
        return undefined;
    return [...forms].filter(form => form.length >= MIN_PASTED_LENGTH && couldAct(form));
}
const LINE_BREAK = /\r\n|\r|\n/;
/** What YAML or JSON unquoting makes of a string written into `attachments`. */
function unquoted(value) {
    const forms = [];
    const json = (text) => {
        try {
            const parsed = JSON.parse(text);
            if (typeof parsed === 'string')
                forms.push(parsed);
        }
        catch {
            // not a JSON string: YAML would refuse it too, or keep it as it is
        }
    };
    if (value.includes('\\'))
        json(`"${value}"`);
    const first = value.charAt(0);
    if (first === '"' && value.endsWith('"'))
        json(value);
    if (first === "'" && value.endsWith("'"))
        forms.push(value.slice(1, -1).replaceAll("''", "'"));
    return forms;
}
/** Every occurrence of every string, overlapping ones merged (the longest names the path). */
function spansIn(text, strings) {
    if (!couldAct(text))
        return [];
    const spans = [];
    for (const { text: pasted, path, markdown } of strings) {
        for (let at = text.indexOf(pasted); at >= 0; at = text.indexOf(pasted, at + pasted.length)) {
            spans.push({ start: at, end: at + pasted.length, path, markdown });
        }
    }
    spans.sort((a, b) => a.start - b.start || b.end - a.end);
    const merged = [];
    for (const span of spans) {
        const last = merged[merged.length - 1];
        if (last && span.start <= last.end) {
            // Text partly inside a markdown body is not all markdown: the merged span is made inert.
            if (span.end > last.end)
                last.markdown = false;
            last.end = Math.max(last.end, span.end);
        }
        else
            merged.push({ ...span });
    }
    return merged;
}
/** `github.event.commits[0].message`; a key that is not a plain name as `['a key']`. */
function pathOf(keys) {
    return keys.reduce((path, key) => typeof key === 'number'
        ? `${path}[${key}]`
        : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)
            ? `${path}.${key}`
            : `${path}['${key.replace(/'/g, "''")}']`, 'github.event');
}
/**
 * Whether a string occurs in one text, in time linear in the string: a suffix automaton of the
 * text, built in linear time. Its transitions are an open-addressing hash table over typed arrays
 * (a Map of a million entries costs seconds and hundreds of MiB; this, a tenth of either).
 */
function substringIndex(text) {
    const n = text.length;
    const link = new Int32Array(2 * n + 2);
    const length = new Int32Array(2 * n + 2);
    link[0] = -1;
    let states = 1;
    // Transitions (state, code unit) -> state; at most 3n, the table under three quarters full.
    let bits = 4;
    while (1 << bits < 4 * n + 16)
        bits++;
    const mask = (1 << bits) - 1;
    const capacity = mask + 1;
    const from = new Int32Array(capacity).fill(-1);
    const code = new Int32Array(capacity);
    const to = new Int32Array(capacity);
    // Each state's transitions as a list of slots, for copying a state when it is split.
    const first = new Int32Array(2 * n + 2).fill(-1);
    const nextEdge = new Int32Array(3 * n + 4);
    const edgeSlot = new Int32Array(3 * n + 4);
    let edges = 0;
    const slotOf = (state, c) => {
        // Neighbouring states land near each other: the table is walked in text order, cache-friendly.
        let slot = (Math.imul(state, 0x9e3779b1) ^ Math.imul(c, 0x85ebca77)) & mask;
        while (from[slot] !== -1 && (from[slot] !== state || code[slot] !== c)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    };
    const get = (state, c) => {
        const slot = slotOf(state, c);
        return from[slot] === -1 ? -1 : to[slot];
    };
    const set = (state, c, target) => {
        const slot = slotOf(state, c);
        if (from[slot] === -1) {
            from[slot] = state;
            code[slot] = c;
            edgeSlot[edges] = slot;
            nextEdge[edges] = first[state];
            first[state] = edges++;
        }
        to[slot] = target;
    };
    // `last` is the state of the whole text read so far.
    let last = 0;
    for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        const current = states++;
        length[current] = length[last] + 1;
        let p = last;
        last = current;
        while (p !== -1 && get(p, c) < 0) {
            set(p, c, current);
            p = link[p];
        }
        if (p === -1)
            continue;
        const q = get(p, c);
        if (length[p] + 1 === length[q]) {
            link[current] = q;
            continue;
        }
        const clone = states++;
        length[clone] = length[p] + 1;
        link[clone] = link[q];
        for (let edge = first[q]; edge !== -1; edge = nextEdge[edge]) {
            const slot = edgeSlot[edge];
            set(clone, code[slot], to[slot]);
        }
        while (p !== -1 && get(p, c) === q) {
            set(p, c, clone);
            p = link[p];
        }
        link[q] = clone;
        link[current] = clone;
    }
    return candidate => {
        let state = 0;
        for (let i = 0; i < candidate.length && state >= 0; i++) {
            state = get(state, candidate.charCodeAt(i));
        }
        return state >= 0;
    };
}

// EXTERNAL MODULE: ./src/shared/error-message.ts
var error_message = __nccwpck_require__(6833);
// EXTERNAL MODULE: ./src/github/lookup-error.ts
var lookup_error = __nccwpck_require__(3658);
;// CONCATENATED MODULE: ./src/action/authors-words.ts



/** The file read: a slow API delays the alert by this much at most, never loses it. */
const READ_TIMEOUT_MS = 5000;
/** What the token's permissions explain: 401, 403, and the 404 GitHub gives for a repository it hides. */
const REFUSALS = new Set(['auth', 'not-found']);
/**
 * The filled-in text of each templated input, from the workflow file; undefined when no input
 * could act (nothing read) or outside a runner (no GITHUB_WORKFLOW_REF).
 */
async function readAuthorsWords(templates, token, env, network) {
    // Never rejects: it runs beside the run's details, and its failure only means the fallback.
    try {
        return await authorsWords(templates, token, env, network);
    }
    catch (error) {
        return { unknown: (0,error_message/* errorMessage */.g)(error) };
    }
}
async function authorsWords(templates, token, env, network) {
    const inputs = [
        ['title', templates.title, true],
        ['attachments', templates.attachments, true],
        ['alias', templates.alias ?? '', true],
        ['avatar-url', templates.avatarUrl ?? '', true],
        ['thread-key', templates.threadKey ?? '', true],
        ['thread-title', templates.threadTitle ?? '', true]
    ];
    if (templates.bodyFromFile !== true)
        inputs.push(['body', templates.body, false]);
    if (!inputs.some(([, value]) => couldAct(value)))
        return undefined;
    const workflowRef = env.GITHUB_WORKFLOW_REF ?? '';
    const sha = env.GITHUB_WORKFLOW_SHA ?? '';
    if (workflowRef === '' || sha === '')
        return undefined;
    if (token === '')
        return { unknown: 'there is no github-token to read it with' };
    const [{ readWorkflowFile }, source] = await Promise.all([
        __nccwpck_require__.e(/* import() */ 373).then(__nccwpck_require__.bind(__nccwpck_require__, 5373)),
        Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(319)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9319))
    ]);
    let workflow;
    try {
        workflow = await readWorkflowFile({ apiUrl: env.GITHUB_API_URL || 'https://api.github.com', token, workflowRef, sha }, {
            timeoutMs: READ_TIMEOUT_MS,
            userAgent: network.userAgent,
            annotations: false,
            proxy: network.proxy
        });
    }
    catch (error) {
        // A refusal is the token's to fix; a timeout or a network failure is said as it is.
        const refused = error instanceof lookup_error/* RunLookupError */.I && REFUSALS.has(error.kind);
        const fix = refused ? '; the token needs contents: read' : '';
        return { unknown: `the contents API did not give it (${(0,error_message/* errorMessage */.g)(error)}${fix})` };
    }
    const candidates = source.stepCandidates(workflow, env.GITHUB_JOB ?? '', env.GITHUB_ACTION ?? '');
    if (!Array.isArray(candidates))
        return { unknown: candidates.missing };
    for (const step of candidates) {
        const aligned = inputs.map(([name, value, trimmed]) => {
            const written = step.get(name);
            if (written === undefined)
                return value === '' ? [] : undefined;
            return source.alignInput(written, value, trimmed);
        });
        if (aligned.some(spans => spans === undefined))
            continue;
        const spansOf = (name) => aligned[inputs.findIndex(([n]) => n === name)] ?? [];
        const templatesFilled = inputs
            .filter(([name]) => name !== 'attachments')
            .map(([name, value]) => ({ value, spans: spansOf(name) }));
        return {
            filledIn: source.filledInFinder(templatesFilled, {
                value: templates.attachments,
                spans: spansOf('attachments')
            })
        };
    }
    return {
        unknown: "this step's inputs do not match its with: in the workflow file at this commit"
    };
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
// EXTERNAL MODULE: ./src/shared/is-object.ts
var is_object = __nccwpck_require__(8325);
;// CONCATENATED MODULE: ./src/action/runner-context.ts
/** Builds, from the runner's environment, the workflow context that templates read. */


const DEFAULT_SERVER_URL = 'https://github.com';
/** `github.<key>` comes from `GITHUB_<KEY>`; these are the plain string ones. */
const GITHUB_STRINGS = [
    'event_name',
    'event_path',
    'repository',
    'repository_owner',
    'repository_id',
    'repository_owner_id',
    'run_id',
    'run_number',
    'run_attempt',
    'sha',
    'head_ref',
    'base_ref',
    'actor',
    'actor_id',
    'triggering_actor',
    'workflow',
    'workflow_ref',
    'workflow_sha',
    'job',
    'action',
    'action_path',
    'action_ref',
    'action_repository',
    'workspace',
    'retention_days'
];
const RUNNER_KEYS = ['name', 'os', 'arch', 'temp', 'tool_cache', 'debug', 'environment'];
function readWorkflowContext(env, status) {
    return { ...readRunnerContext(env), job: { status } };
}
function readRunnerContext(env) {
    const read = (name) => env[name] ?? '';
    const strings = Object.fromEntries(GITHUB_STRINGS.map(key => [key, read(`GITHUB_${key.toUpperCase()}`)]));
    const serverUrl = (env.GITHUB_SERVER_URL || DEFAULT_SERVER_URL).replace(/\/+$/, '');
    const ref = read('GITHUB_REF');
    const github = {
        ...strings,
        event: readEvent(strings.event_path),
        server_url: serverUrl,
        api_url: env.GITHUB_API_URL || apiUrl(serverUrl),
        graphql_url: env.GITHUB_GRAPHQL_URL || graphqlUrl(serverUrl),
        repository_owner: strings.repository_owner || strings.repository.split('/')[0] || '',
        ref,
        // The runner always sets these; a local or test run may give GITHUB_REF alone.
        ref_name: env.GITHUB_REF_NAME ?? ref.replace(/^refs\/(heads|tags|pull)\//, ''),
        ref_type: env.GITHUB_REF_TYPE ?? (ref.startsWith('refs/tags/') ? 'tag' : ref ? 'branch' : ''),
        ref_protected: read('GITHUB_REF_PROTECTED') === 'true'
    };
    const runner = Object.fromEntries(RUNNER_KEYS.map(key => [key, read(`RUNNER_${key.toUpperCase()}`)]));
    return { github, env: templateEnv(env), runner };
}
/**
 * GitHub's `env` context holds only what the workflow defined, which a step cannot tell apart from
 * the rest of its environment, so templates see the whole environment except two families:
 * `INPUT_*` holds this step's inputs, among them the secret URL, and `ACTIONS_*` holds the runner's
 * own credentials (ACTIONS_RUNTIME_TOKEN, ACTIONS_ID_TOKEN_REQUEST_TOKEN), never part of `env`.
 * Other variables stay: a workflow that puts a secret in `env:` can read it in expressions there too.
 */
function templateEnv(env) {
    const result = {};
    for (const [name, value] of Object.entries(env)) {
        if (value === undefined || /^(INPUT|ACTIONS)_/i.test(name))
            continue;
        result[name] = value;
    }
    return result;
}
function readEvent(path) {
    if (path === '')
        return {};
    try {
        const event = JSON.parse((0,external_node_fs_namespaceObject.readFileSync)(path, 'utf8'));
        return (0,is_object/* isObject */.G)(event) ? event : {};
    }
    catch {
        return {};
    }
}
/** github.com has its own API host; GitHub Enterprise Server serves the API under /api. */
function apiUrl(serverUrl) {
    return isDotCom(serverUrl) ? 'https://api.github.com' : `${serverUrl}/api/v3`;
}
function graphqlUrl(serverUrl) {
    return isDotCom(serverUrl) ? 'https://api.github.com/graphql' : `${serverUrl}/api/graphql`;
}
function isDotCom(serverUrl) {
    return serverUrl === DEFAULT_SERVER_URL;
}

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(7075);
;// CONCATENATED MODULE: ./src/action/workspace.ts


/** A Rocket.Chat message is at most a few thousand characters; a template or a PEM is far smaller. */
const MAX_FILE_BYTES = 1024 * 1024;
/** A path input that names no readable file of the workspace. */
class WorkspaceFileError extends Error {
    reason;
    name = 'WorkspaceFileError';
    constructor(message, 
    /** Why: for a file sent with the message, the kind its result reports. */
    reason = 'missing') {
        super(message);
        this.reason = reason;
    }
}
/**
 * Reads the file a path input (`body-file`, `ca-cert`, ...) names, only if it lies inside the
 * workspace once every symlink is followed: the input comes from the workflow, but the file may be
 * a committed symlink to `/proc/self/environ`, whose content would be posted to a chat room. Both
 * the workspace and the file are resolved to their real paths before the containment check.
 * The workspace is `GITHUB_WORKSPACE`, or the current directory in a local run.
 */
function readWorkspaceFile(input, path, workspace = defaultWorkspace()) {
    return readBounded(input, path, confined(input, path, workspace));
}
/** `GITHUB_WORKSPACE`, or the current directory in a local run. */
function defaultWorkspace() {
    return process.env.GITHUB_WORKSPACE || process.cwd();
}
/**
 * Opens a file of the workspace to send it whole (`files`), by the same rules as
 * readWorkspaceFile, with its own size limit; the caller closes `fd`.
 */
function openWorkspaceFile(input, path, maxBytes, workspace = defaultWorkspace()) {
    const file = confined(input, path, workspace);
    const fd = openRegular(input, path, file);
    const { size } = (0,external_node_fs_namespaceObject.fstatSync)(fd);
    if (size > maxBytes) {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
        throw new WorkspaceFileError(`${input}: ${path} is ${size} bytes, over the limit of ${maxBytes}`, 'too-large');
    }
    return { file, fd, size };
}
/** The real path of `path` in the workspace, refused when it or its symlinks lead outside. */
function confined(input, path, workspace) {
    const root = realpath(input, workspace, `the workspace ${workspace}`);
    const within = (file, dir) => file === dir || file.startsWith(dir.endsWith(external_node_path_namespaceObject.sep) ? dir : dir + external_node_path_namespaceObject.sep);
    const written = (0,external_node_path_namespaceObject.resolve)(root, path);
    // Checked before the file is touched too, so a refusal says nothing of what exists outside.
    if (!within(written, root) && !within(written, (0,external_node_path_namespaceObject.resolve)(workspace))) {
        throw outside(input, `${path} is`, root);
    }
    const file = realpath(input, written, path);
    if (!within(file, root)) {
        // Where the link leads is not said: it names what exists outside the workspace.
        throw outside(input, `${path} leads through a symlink`, root);
    }
    return file;
}
function outside(input, what, root) {
    return new WorkspaceFileError(`${input}: ${what} outside the workspace ${root}: only files in the workspace are read`, 'outside');
}
function realpath(input, path, shown) {
    try {
        return (0,external_node_fs_namespaceObject.realpathSync)(path);
    }
    catch (error) {
        throw new WorkspaceFileError(`${input}: cannot read ${shown} (${codeOf(error)})`);
    }
}
/** Opened without blocking (a FIFO would hang the step), then checked to be a regular file. */
function openRegular(input, path, file) {
    let fd;
    try {
        fd = (0,external_node_fs_namespaceObject.openSync)(file, external_node_fs_namespaceObject.constants.O_RDONLY | external_node_fs_namespaceObject.constants.O_NONBLOCK);
    }
    catch (error) {
        throw new WorkspaceFileError(`${input}: cannot read ${path} (${codeOf(error)})`);
    }
    if (!(0,external_node_fs_namespaceObject.fstatSync)(fd).isFile()) {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
        throw new WorkspaceFileError(`${input}: ${path} is not a regular file`, 'not-a-file');
    }
    return fd;
}
function readBounded(input, path, file) {
    const fd = openRegular(input, path, file);
    try {
        const { size } = (0,external_node_fs_namespaceObject.fstatSync)(fd);
        const bytes = size > MAX_FILE_BYTES ? undefined : readOpenFile(fd, size, MAX_FILE_BYTES);
        if (bytes === undefined)
            throw tooLarge(input, path);
        return bytes.toString('utf8');
    }
    finally {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
    }
}
/**
 * All of an open file, or undefined when it holds more than `maxBytes`. The buffer is the size
 * fstat gave, and one byte more to see the file grow after it (still being written): only then
 * is it widened, to the limit and one byte. Never a buffer larger than the file or the limit.
 */
function readOpenFile(fd, size, maxBytes) {
    let buffer = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
    let length = 0;
    for (;;) {
        if (length === buffer.length) {
            if (length > maxBytes)
                return undefined;
            const wider = Buffer.allocUnsafe(maxBytes + 1);
            buffer.copy(wider, 0, 0, length);
            buffer = wider;
        }
        const read = (0,external_node_fs_namespaceObject.readSync)(fd, buffer, length, buffer.length - length, null);
        if (read === 0)
            return buffer.subarray(0, length);
        length += read;
    }
}
function tooLarge(input, path) {
    return new WorkspaceFileError(`${input}: ${path} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB, the limit for a file input`, 'too-large');
}
function codeOf(error) {
    const code = error.code ?? 'unreadable';
    const words = { ENOENT: 'no such file', EACCES: 'permission denied' };
    return words[code] ?? code;
}

;// CONCATENATED MODULE: ./src/action/files.ts





/** The most files one run sends with its message. */
const MAX_FILES = 10;
const KIND = {
    missing: 'not-found',
    outside: 'rejected',
    'not-a-file': 'rejected',
    'too-large': 'too-large'
};
/**
 * The files the `files` input names (workspace paths or globs, one a line), opened through the
 * workspace reader and held open, so what is sent is what was checked. Each is streamed from its
 * descriptor when sent, never read whole. A line that cannot be sent whole is one problem, never
 * a throw and never one per file: the message goes without what was left out. Matches are opened
 * in order only until the run has its MAX_FILES, so a glob over thousands of files opens at most
 * those (and at most MAX_FILES that fail). A glob matching nothing is a warning, as
 * upload-artifact's is.
 */
async function openFiles(patterns, maxBytes, warn, workspace = defaultWorkspace(), open = openWorkspaceFile) {
    const problems = [];
    const attachments = [];
    const fds = [];
    const seen = new Set();
    for (const pattern of patterns) {
        const matches = await expand(pattern, workspace, warn, problems);
        if (matches === undefined)
            continue;
        const sentBefore = attachments.length;
        const failures = [];
        let tried = 0;
        for (const path of matches) {
            if (attachments.length >= MAX_FILES || failures.length >= MAX_FILES)
                break;
            tried++;
            try {
                const opened = open('files', path, maxBytes, workspace);
                if (seen.has(opened.file)) {
                    (0,external_node_fs_namespaceObject.closeSync)(opened.fd);
                    continue;
                }
                seen.add(opened.file);
                fds.push(opened.fd);
                attachments.push(streamedFile((0,external_node_path_namespaceObject.basename)(path), opened.fd, opened.size));
            }
            catch (error) {
                if (!(error instanceof WorkspaceFileError))
                    throw error;
                failures.push({ name: (0,external_node_path_namespaceObject.basename)(path), kind: KIND[error.reason], reason: error.message });
            }
        }
        const sent = attachments.slice(sentBefore).map(file => file.name);
        const untried = matches.length - tried;
        const full = attachments.length >= MAX_FILES;
        const problem = patternProblem(pattern, matches, sent, failures, { untried, full });
        if (problem !== undefined)
            problems.push(problem);
    }
    return {
        toSend: attachments,
        problems,
        close: () => {
            for (const fd of fds.splice(0))
                (0,external_node_fs_namespaceObject.closeSync)(fd);
        }
    };
}
/**
 * What one line could not send, as one problem: a path's own reason, or for a glob its count,
 * what was sent, the first failure and how many were left out past the limit.
 */
function patternProblem(pattern, matches, sent, failures, { untried, full }) {
    const [failure] = failures;
    if (!isGlob(pattern)) {
        if (failure !== undefined)
            return failure;
        if (untried === 0)
            return undefined;
        return {
            name: (0,external_node_path_namespaceObject.basename)(pattern),
            kind: 'rejected',
            reason: `files: ${pattern} not sent: at most ${MAX_FILES} files go with a message`
        };
    }
    if (failure === undefined && untried === 0)
        return undefined;
    const why = [
        ...(failure === undefined
            ? []
            : [
                `${failures.length} could not be sent (${failure.reason}` +
                    `${failures.length > 1 ? `, and ${failures.length - 1} more` : ''})`
            ]),
        ...(untried === 0
            ? []
            : full
                ? [`${untried} not sent: at most ${MAX_FILES} files go with a message`]
                : [`${untried} not tried after ${failures.length} that could not be sent`])
    ];
    return {
        name: pattern,
        kind: failure?.kind ?? 'rejected',
        reason: `files: ${pattern} matches ${matches.length} file(s); ` +
            `sent ${sent.length === 0 ? 'none' : sent.join(', ')}; ${why.join('; ')}`
    };
}
function isGlob(pattern) {
    return /[*?[\]{}!()]/.test(pattern);
}
/** Reads from the open descriptor at offset 0 each time: a retry sends the same bytes again. */
function streamedFile(name, fd, size) {
    return {
        name,
        size,
        open: () => size === 0
            ? external_node_stream_.Readable.from([])
            : (0,external_node_fs_namespaceObject.createReadStream)('', { fd, start: 0, end: size - 1, autoClose: false })
    };
}
/**
 * A line as written, or the workspace files its glob matches, sorted; undefined when the glob is
 * refused or cannot be searched (a problem). tinyglobby (fdir + picomatch) is loaded only when a
 * line is a glob. A glob is confined before anything is read: one that is absolute, climbs with
 * `..`, or whose literal base leads out of the workspace through a symlink is refused, naming only
 * the pattern. The walk lists no symlink (tinyglobby excludes them when not following), so a
 * linked directory is never entered.
 */
async function expand(pattern, workspace, warn, problems, input = 'files') {
    if (!isGlob(pattern))
        return [pattern];
    const root = confinedBase(pattern, workspace);
    if (root === undefined) {
        problems.push({
            name: pattern,
            kind: 'rejected',
            reason: `${input}: ${pattern} reaches outside the workspace: only files in the workspace are read`
        });
        return undefined;
    }
    const { glob } = await __nccwpck_require__.e(/* import() */ 448).then(__nccwpck_require__.bind(__nccwpck_require__, 6448));
    let matches;
    try {
        matches = await glob(pattern, {
            cwd: root,
            onlyFiles: true,
            followSymbolicLinks: false,
            expandDirectories: false
        });
    }
    catch (error) {
        const reason = `${input}: ${pattern} cannot be searched (${(0,error_message/* errorMessage */.g)(error)})`;
        problems.push({ name: pattern, kind: 'not-found', reason });
        return undefined;
    }
    if (matches.length === 0)
        warn(`${input}: no file matches ${pattern}`);
    return matches.sort();
}
/**
 * The workspace's real path when a glob stays inside it, else undefined: not absolute, no `..`
 * segment (also inside braces), and its literal base (the segments before the first with a glob
 * character), as far as it exists, a real path inside the workspace.
 */
function confinedBase(pattern, workspace) {
    if ((0,external_node_path_namespaceObject.isAbsolute)(pattern) || /(?:^|[/\\{,])\.\.(?:$|[/\\},])/.test(pattern))
        return undefined;
    let root;
    try {
        root = (0,external_node_fs_namespaceObject.realpathSync)(workspace);
    }
    catch {
        return undefined;
    }
    const segments = pattern.split('/');
    const literal = segments.slice(0, segments.findIndex(segment => isGlob(segment)));
    let existing = root;
    for (const segment of literal) {
        const next = (0,external_node_path_namespaceObject.join)(existing, segment);
        let real;
        try {
            real = (0,external_node_fs_namespaceObject.realpathSync)(next);
        }
        catch {
            break;
        }
        if (real !== root && !real.startsWith(root.endsWith(external_node_path_namespaceObject.sep) ? root : root + external_node_path_namespaceObject.sep))
            return undefined;
        existing = real;
    }
    return root;
}
/**
 * One failed result per problem of the input (a line that could not be sent whole), once, after
 * the first REST target's own results: a problem is the input's, not a target's, so a glob over
 * thousands of files to many rooms is one entry and one error. A webhook sends no files.
 */
function withFileProblems(results, problems) {
    const first = results.find(result => result.mode !== 'webhook');
    if (problems.length === 0 || first === undefined)
        return results;
    const at = results.findLastIndex(result => result.destination === first.destination && result.target === first.target);
    const { destination, url, mode, target } = first;
    const entries = problems.map((problem) => ({
        destination,
        url,
        mode,
        target,
        file: { name: problem.name },
        outcome: 'failed',
        kind: problem.kind,
        error: problem.reason
    }));
    return [...results.slice(0, at + 1), ...entries, ...results.slice(at + 1)];
}

// EXTERNAL MODULE: ./src/github/jobs.ts
var jobs = __nccwpck_require__(203);
// EXTERNAL MODULE: ./src/shared/redact.ts
var redact = __nccwpck_require__(8932);
// EXTERNAL MODULE: ./src/rocketchat/index.ts + 25 modules
var rocketchat = __nccwpck_require__(1792);
// EXTERNAL MODULE: ./src/run/conclusions.ts
var conclusions = __nccwpck_require__(1985);
;// CONCATENATED MODULE: ./src/action/secrets.ts
/**
 * Which secrets can be masked without hiding ordinary text. The runner replaces every occurrence of
 * a value given to setSecret in the whole job's log, and the action masks the same values in its own
 * words; a password of `a` or `general` would then hide every `a`, or the room `#general`, while
 * protecting nothing (a short or common word is guessed at once).
 */
/** Shorter values are not masked: each would hide its letters all over the log. */
const MIN_MASKED_LENGTH = 4;
/**
 * Words the action writes itself in its outputs and summary: a secret equal to one of them, or
 * inside one, would mask the action's own vocabulary (`"outcome": "****"`).
 */
const VOCABULARY = [
    'destination',
    'target',
    'outcome',
    'delivered',
    'updated',
    'planned',
    'unconfirmed',
    'failed',
    'rate-limit',
    'network',
    'timeout',
    'invalid-target',
    'not-found',
    'too-large',
    'rejected',
    'success',
    'failure',
    'cancelled',
    'warning',
    'info',
    'webhook'
];
/**
 * How a secret is masked:
 * - `short` (under 4 characters): never masked, it would hide those characters everywhere;
 * - `common` (a word of letters only up to 10, part of the action's vocabulary, or part of what the
 *   masked URLs show, such as a room name): masked in the log and in free text (errors, the preview
 *   of the message), but never inside the action's own identifiers (message-id, room-id, targets);
 * - `whole`: masked everywhere.
 */
function secretKind(secret, visible) {
    if (secret.length < MIN_MASKED_LENGTH)
        return 'short';
    const lower = secret.toLowerCase();
    const common = 
    // Latin letters, accented ones included: a \p{L} pattern costs every send a Unicode compile.
    /^[A-Za-z\u00C0-\u024F]{1,10}$/.test(secret) ||
        VOCABULARY.some(word => word.includes(lower)) ||
        visible.some(text => text.toLowerCase().includes(lower));
    return common ? 'common' : 'whole';
}
/** The warning for a secret that cannot be masked safely; it names the URL by number only. */
function secretWarning(kind, where) {
    if (kind === 'short') {
        return (`${where} has fewer than ${MIN_MASKED_LENGTH} characters, too short to mask safely: masking ` +
            'it would hide those characters all over the log, so it is not masked. Use a long random secret.');
    }
    if (kind === 'common') {
        return (`${where} is a common word, too common to mask safely: the runner hides it wherever it ` +
            "appears in the log (room names, ids, words), while the action's outputs keep their values. " +
            'Use a long random secret.');
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/action/inputs.ts






const STATUSES = ['success', 'failure', 'cancelled', 'warning', 'info'];
/** The only spellings `core.getBooleanInput` takes (YAML 1.2 core schema). */
const BOOLEANS = 'true, True, TRUE, false, False, FALSE';
/**
 * Reads and checks every input once, the URL masked before anything else can print it. Only a URL
 * that is missing or cannot be parsed throws: with nothing to send to, nothing can be sent. Any
 * other value an input cannot take is a mistake, and the run goes on with a stated fallback.
 */
function readSettings(input) {
    // The URL is the secret: mask it whole before parsing can say anything about it.
    const rawUrls = input.getInput('url', { required: true });
    const urls = rawUrls.split(/\s+/).filter(Boolean);
    for (const url of urls)
        input.setSecret(url);
    const parsed = (0,rocketchat/* parseAll */.bg)(rawUrls);
    const secrets = maskableSecrets(parsed.map(p => p.destination), input);
    for (const { warnings } of parsed)
        for (const warning of warnings)
            input.warning(warning);
    const others = readOtherInputs(input);
    // A mistake quotes the value; a secret pasted into the wrong input stays hidden.
    others.mistakes = others.mistakes.map(mistake => (0,redact/* redact */.E)(mistake, [...urls, ...secrets]));
    // The github-token is masked when read; reports redact it with the URL's secrets.
    if (others.runDetails.token)
        secrets.push(others.runDetails.token);
    return { destinations: parsed.map(p => p.destination), secrets, ...others };
}
/**
 * Masks every form of every credential whole, except those too short to mask (secrets.ts), and
 * warns of a credential too short or too common to mask safely, naming its URL by number only.
 */
function maskableSecrets(destinations, input) {
    const visible = destinations.map(d => d.masked);
    const forms = [...new Set(destinations.flatMap(d => d.secrets))].filter(form => form.length >= MIN_MASKED_LENGTH);
    for (const form of forms)
        input.setSecret(form);
    for (const [i, d] of destinations.entries()) {
        const where = destinations.length > 1 ? `URL ${i + 1}: ` : '';
        const credentials = d.webhook
            ? d.webhook.split('/').map(half => ['a half of the webhook', half])
            : d.password === undefined
                ? []
                : [[d.mode === 'token' ? 'the token' : 'the password', d.password]];
        for (const [what, value] of credentials) {
            const warning = secretWarning(secretKind(value, visible), `${where}${what}`);
            if (warning)
                input.warning(capitalize(warning));
        }
    }
    return forms;
}
function capitalize(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
function readOtherInputs(input) {
    const optional = (name) => input.getInput(name) || undefined;
    const mistakes = [];
    const mistake = text => {
        mistakes.push(text);
    };
    /** A file input that cannot be read is a mistake, not the end of the alert. */
    const readFile = (name, path, instead) => {
        try {
            return readWorkspaceFile(name, path);
        }
        catch (error) {
            if (!(error instanceof WorkspaceFileError))
                throw error;
            mistake(`${error.message}; ${instead}`);
            return undefined;
        }
    };
    const body = readBody(input, readFile, mistake);
    return {
        title: input.getInput('title'),
        body: body.text,
        bodyFromFile: body.fromFile,
        // The end of a followed deploy: the job's result is the message's status (docs/deploys.md).
        ...readStatus(input.getInput('deploy-result') || input.getInput('status'), mistake),
        mention: input
            .getInput('mention')
            .split(/[\s,]+/)
            .filter(Boolean),
        mentionOn: readStatuses('mention-on', input.getInput('mention-on') || 'failure', mistake),
        attachments: input.getInput('attachments'),
        ...readThreading(input, mistake),
        threadTitle: optional('thread-title'),
        threadBroadcast: readThreadBroadcast(input.getInput('thread-broadcast'), mistake),
        alias: optional('alias'),
        emoji: optional('emoji'),
        avatarUrl: optional('avatar-url'),
        statusAttachment: readBoolean(input, 'status-attachment', true, mistake),
        buttons: readButtons(input.getInput('buttons', { trimWhitespace: false })),
        deploy: optional('deploy'),
        environmentUrl: optional('environment-url'),
        deployEnded: input.getInput('deploy-result') !== '',
        // Who writes dry-run at all asks for one (left out, or an expression, reads as false or true):
        // an unreadable one plans and shows the message, as a message posted by mistake cannot be
        // taken back from the room.
        dryRun: readBoolean(input, 'dry-run', false, mistake, {
            unreadable: true,
            instead: 'a dry run instead: nothing is sent, the message is in the job summary'
        }),
        failOnError: readBoolean(input, 'fail-on-error', true, mistake),
        timeout: readNumber('timeout', input.getInput('timeout'), 10, mistake, {
            min: 0.1,
            max: 600
        }),
        retries: readNumber('retries', input.getInput('retries'), 2, mistake, {
            min: 0,
            max: 10,
            integer: true
        }),
        caCert: readCaCert(input.getInput('ca-cert'), readFile, mistake),
        maxPosts: readNumber('max-posts', input.getInput('max-posts'), rocketchat/* MAX_POSTS */.b1, mistake, {
            min: 1,
            max: 100,
            integer: true
        }),
        runDetails: readRunDetailsSettings(input, readFile, mistake),
        mistakes,
        files: input
            .getInput('files')
            .split('\n')
            .map(line => line.trim())
            .filter(Boolean),
        maxFileSize: readSize('max-file-size', input.getInput('max-file-size'), mistake),
        testResults: input
            .getInput('test-results')
            .split('\n')
            .map(line => line.trim())
            .filter(Boolean),
        testResultsArtifact: input.getInput('test-results-artifact').trim(),
        testFailuresShown: readNumber('test-failures-shown', input.getInput('test-failures-shown'), 5, mistake, { min: 0, max: 50, integer: true })
    };
}
/**
 * Where the message goes: a reply (`thread`), a thread of its own (`thread-key`) or an edit
 * (`update`). Given together, the message id given wins over the key, and a new post over an edit:
 * a new message notifies the room, an edit may go unseen.
 */
function readThreading(input, mistake) {
    const thread = input.getInput('thread') || undefined;
    let update = input.getInput('update') || undefined;
    let threadKey = input.getInput('thread-key') || undefined;
    const does = {
        'thread-key': 'thread-key finds or starts its own thread',
        thread: 'thread replies to a message id you give',
        update: 'update edits one'
    };
    if (thread !== undefined && threadKey !== undefined) {
        mistake(`give thread-key or thread, not both: ${does['thread-key']}, ${does.thread}; ` +
            'replying to thread, thread-key ignored');
        threadKey = undefined;
    }
    const reply = thread !== undefined ? 'thread' : threadKey !== undefined ? 'thread-key' : undefined;
    if (reply !== undefined && update !== undefined) {
        mistake(`give ${reply} or update, not both: ${does[reply]}, ${does.update}; ` +
            `posting a new message as ${reply} says, update ignored`);
        update = undefined;
    }
    return { thread, update, threadKey };
}
const MIB = 1024 * 1024;
const SIZE_UNITS = { '': 1, k: 1024, m: MIB, g: 1024 * MIB };
/** A size in bytes, or with K, M or G (KiB, MiB, GiB, 1024-based): `20M`, `20 MiB`, `512k`. */
function readSize(name, value, mistake) {
    const fallback = 20 * MIB;
    if (value === '')
        return fallback;
    const written = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(value.trim());
    const bytes = written
        ? Math.floor(Number(written[1]) * (SIZE_UNITS[(written[2] ?? '').toLowerCase()] ?? 1))
        : NaN;
    if (!(bytes >= 1 && bytes <= 2048 * MIB)) {
        mistake(`${name} must be a size from 1 byte to 2 GiB, in bytes or with K, M or G (e.g. 20M); ` +
            `got "${value}"; using the default 20M`);
        return fallback;
    }
    return bytes;
}
/**
 * The body, or the body-file's text. Both given: the body-file, the more deliberate of the two, and
 * the body if that file cannot be read; neither readable: the event's default message.
 */
function readBody(input, readFile, mistake) {
    const body = input.getInput('body', { trimWhitespace: false });
    const file = input.getInput('body-file');
    if (file === '')
        return { text: body, fromFile: false };
    const both = body.trim() !== '';
    if (both)
        mistake('give body or body-file, not both; sending the body-file, body ignored');
    const instead = both ? 'the body is sent instead' : "the event's default message is sent instead";
    const text = readFile('body-file', file, instead);
    if (text === undefined)
        return { text: both ? body : '', fromFile: false };
    return { text, fromFile: true };
}
/**
 * `none` turns the link buttons off; any other text is the list, parsed and rendered with the
 * message (src/template/buttons.ts), since its values are templates and its parser is loaded only
 * by the runs that give one.
 */
function readButtons(raw) {
    return raw.trim().toLowerCase() === 'none' ? false : raw;
}
const THREAD_BROADCASTS = ['changed', 'always', 'never'];
function readThreadBroadcast(raw, mistake) {
    const value = raw.trim().toLowerCase() || 'changed';
    const known = THREAD_BROADCASTS.find(broadcast => broadcast === value);
    if (known === undefined) {
        mistake(`thread-broadcast must be one of ${THREAD_BROADCASTS.join(', ')}; got "${raw}"; using the default changed`);
        return 'changed';
    }
    return known;
}
/**
 * An unknown status is sent as failure: a typo most often hides in the alert that runs only when
 * something breaks (`if: failure()`), which must keep its colour and mentions; and the mistake
 * fails the step, so the job is failing indeed.
 */
function readStatus(raw, mistake) {
    const value = raw.trim().toLowerCase();
    if (value === 'auto')
        return { status: 'auto' };
    if (value === '')
        return { status: 'info' };
    if (isStatus(value))
        return { status: value };
    // `${{ github.event.workflow_run.conclusion }}`: every conclusion has its meaning (conclusions.ts).
    const conclusion = (0,conclusions/* conclusionOf */.vu)(value);
    if (conclusion !== undefined)
        return { status: conclusions/* CONCLUSION_STATUS */.HT[conclusion], conclusion };
    mistake(`status must be one of ${STATUSES.join(', ')}, a run's conclusion or auto; got "${raw}"; ` +
        'sent as failure, so no failure is ever softened');
    return { status: 'failure' };
}
/** As with `status`, an unknown word is read as failure: mentions never miss a failure. */
function readStatuses(name, raw, mistake) {
    const words = raw.split(/[\s,]+/).filter(Boolean);
    const statuses = words.map(word => word.toLowerCase());
    if (statuses.includes('always'))
        return [...STATUSES];
    if (statuses.includes('never'))
        return [];
    const wrong = words.filter(word => !isStatus(word.toLowerCase()));
    if (wrong.length > 0) {
        mistake(`${name} takes statuses (${STATUSES.join(', ')}), always or never; ` +
            `got ${wrong.map(word => `"${word}"`).join(', ')}; read as failure`);
    }
    return [...new Set(statuses.map(status => (isStatus(status) ? status : 'failure')))];
}
function isStatus(value) {
    return STATUSES.includes(value);
}
/**
 * `core.getBooleanInput`, with the default action.yml gives when a direct run leaves it out. A
 * value it cannot read is the default too, unless `unreadable` says otherwise.
 */
function readBoolean(input, name, fallback, mistake, unreadable = { unreadable: fallback, instead: `using the default ${String(fallback)}` }) {
    const value = input.getInput(name);
    if (value === '')
        return fallback;
    try {
        return input.getBooleanInput(name);
    }
    catch {
        mistake(`${name} must be one of ${BOOLEANS}; got "${value}"; ${unreadable.instead}`);
        return unreadable.unreadable;
    }
}
function readNumber(name, value, fallback, mistake, bounds) {
    if (value === '')
        return fallback;
    // Plain decimal digits only: Number() would also take "0x10", "1e1" and "Infinity".
    const written = bounds.integer === true ? /^\d+$/ : /^(\d+(\.\d*)?|\.\d+)$/;
    const n = Number(value);
    if (!written.test(value) || n < bounds.min || n > bounds.max) {
        const kind = bounds.integer === true ? 'a whole number' : 'a number';
        mistake(`${name} must be ${kind} from ${bounds.min} to ${bounds.max}; got "${value}"; ` +
            `using the default ${fallback}`);
        return fallback;
    }
    return n;
}
/**
 * `ca-cert` takes the PEM itself or the path of a PEM file in the workspace. One that cannot be
 * read is a mistake: the message is still tried with the system's CAs, which may well trust the
 * server, and a refused certificate then fails as any TLS failure does.
 */
function readCaCert(value, readFile, mistake) {
    if (value === '')
        return undefined;
    const instead = "sending with the system's certificate authorities only";
    const pem = value.includes('-----BEGIN') ? value : readFile('ca-cert', value, instead);
    if (pem === undefined)
        return undefined;
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
        mistake(`ca-cert must be a PEM certificate (-----BEGIN CERTIFICATE-----) or a path to one; ${instead}`);
        return undefined;
    }
    return pem;
}
/**
 * The inputs that read the run itself: github-token (a secret), needs, user-map, log-lines,
 * notify-when and attach-log.
 */
function readRunDetailsSettings(input, readFile, mistake) {
    const token = input.getInput('github-token');
    if (token)
        input.setSecret(token);
    const userMap = input.getInput('user-map');
    // A map has a `:` or a `{`; anything else on one line names a file in the workspace.
    const isFile = userMap !== '' && !/[:{\n]/.test(userMap);
    return {
        token,
        needs: readNeeds(input.getInput('needs'), mistake),
        userMap: isFile ? (readFile('user-map', userMap, 'no author is mentioned') ?? '') : userMap,
        logLines: readNumber('log-lines', input.getInput('log-lines'), 15, mistake, {
            min: 0,
            max: 100,
            integer: true
        }),
        notifyWhen: readNotifyWhen(input.getInput('notify-when'), mistake),
        attachLog: readBoolean(input, 'attach-log', false, mistake)
    };
}
/** The jobs of `${{ toJSON(needs) }}`; undefined when not given or not readable (the API is asked). */
function readNeeds(text, mistake) {
    if (text === '')
        return undefined;
    try {
        return (0,jobs/* jobsFromNeeds */.wW)(text);
    }
    catch (error) {
        if (!(error instanceof jobs/* NeedsError */.uO))
            throw error;
        mistake(`${error.message}; the jobs are read from the API instead`);
        return undefined;
    }
}
const NOTIFY_WHEN = ['always', 'changed'];
function readNotifyWhen(raw, mistake) {
    const value = raw.trim().toLowerCase() || 'always';
    const known = NOTIFY_WHEN.find(word => word === value);
    if (known === undefined) {
        mistake(`notify-when must be always or changed; got "${raw}"; using the default always`);
        return 'always';
    }
    return known;
}

;// CONCATENATED MODULE: ./src/action/log-files.ts


/** Code points of a job's name kept in its file's name. */
const NAME_LENGTH = 80;
/**
 * The `files` input's files and, after them, one file per step log, named
 * `<job name>-step-<n>.log`: together at most MAX_FILES, the ones past it a problem of their own.
 * A log over `maxBytes` keeps its end, where a failure says what went wrong.
 */
function withLogFiles(files, logs, maxBytes) {
    if (logs.length === 0)
        return files;
    const toSend = [...files.toSend];
    const problems = [...files.problems];
    const names = new Set(toSend.map(file => file.name));
    for (const log of logs) {
        const name = unique(logFileName(log), names);
        names.add(name);
        if (toSend.length >= MAX_FILES) {
            problems.push({
                name,
                kind: 'rejected',
                reason: `attach-log: ${name} not sent: at most ${MAX_FILES} files go with a message`
            });
            continue;
        }
        toSend.push((0,rocketchat/* fileFromBuffer */.Nu)(name, lastBytes(log.text, maxBytes)));
    }
    return { toSend, problems, close: files.close };
}
/**
 * `<job name>-step-<n>.log` as a file name any room and disk take: letters (any script), digits,
 * `.`, `_` and `-`; every other run of characters (spaces, slashes, brackets) one `-`.
 */
function logFileName(log) {
    const safe = Array.from(log.job.replace(/[^\p{L}\p{N}._-]+/gu, '-'))
        .slice(0, NAME_LENGTH)
        .join('');
    const job = trimDashesAndDots(safe) || 'job';
    return log.step === undefined ? `${job}.log` : `${job}-step-${log.step}.log`;
}
/** No leading dot (a hidden file) and no dangling separators; a loop, as a regex would backtrack. */
function trimDashesAndDots(name) {
    let start = 0;
    let end = name.length;
    while (start < end && (name[start] === '-' || name[start] === '.'))
        start++;
    while (end > start && (name[end - 1] === '-' || name[end - 1] === '.'))
        end--;
    return name.slice(start, end);
}
/** Two jobs whose names sanitise alike (`a (1)`, `a [1]`) still give two files. */
function unique(name, taken) {
    if (!taken.has(name))
        return name;
    const stem = name.replace(/\.log$/, '');
    for (let n = 2;; n++) {
        const candidate = `${stem}-${n}.log`;
        if (!taken.has(candidate))
            return candidate;
    }
}
/**
 * The text's last `max` bytes as UTF-8: never inside a character, and from the start of a line
 * when one begins within them.
 */
function lastBytes(text, max) {
    const bytes = Buffer.from(text);
    if (bytes.byteLength <= max)
        return bytes;
    let start = bytes.byteLength - max;
    while (start < bytes.byteLength && ((bytes[start] ?? 0) & 0xc0) === 0x80)
        start++;
    if (bytes[start - 1] !== 0x0a) {
        const newline = bytes.indexOf(0x0a, start);
        if (newline !== -1 && newline + 1 < bytes.byteLength)
            start = newline + 1;
    }
    return bytes.subarray(start);
}

;// CONCATENATED MODULE: ./src/action/network.ts


/** The run's network settings, from the runner's environment (throws for a proxy that is not a URL). */
function networkFromEnvironment(env) {
    return {
        proxy: proxyFromEnvironment(env),
        userAgent: rocketchat/* DEFAULT_USER_AGENT */.qx,
        deadlineMs: rocketchat/* DEFAULT_DEADLINE_MS */.u8
    };
}
/**
 * The runner's proxy variables, read here so the library never looks at the environment itself.
 * Lower case wins, as curl and undici read them; https falls back to the http proxy in the transport.
 * A value that is not a URL is one clear error naming the variable, never its value.
 */
function proxyFromEnvironment(env) {
    const pick = (name) => env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;
    const settings = {};
    const httpProxy = pick('http_proxy');
    const httpsProxy = pick('https_proxy');
    const noProxy = pick('no_proxy');
    if (httpProxy)
        settings.httpProxy = httpProxy;
    if (httpsProxy)
        settings.httpsProxy = httpsProxy;
    if (noProxy)
        settings.noProxy = noProxy;
    for (const [which, value] of [
        ['http', httpProxy],
        ['https', httpsProxy]
    ]) {
        try {
            (0,rocketchat/* checkProxySettings */.gT)({ httpProxy: value ?? '' });
        }
        catch {
            throw new rocketchat/* RocketChatError */.H8(`${which}_proxy (or ${which.toUpperCase()}_PROXY) is not an http:// or https:// URL with a host: ` +
                "fix it in the runner's environment, or unset it", { kind: 'rejected' });
        }
    }
    return settings;
}
/** The variables holding URLs the action uses that may carry a `user:password@`. */
const URL_VARIABLES = [
    'http_proxy',
    'HTTP_PROXY',
    'https_proxy',
    'HTTPS_PROXY',
    'all_proxy',
    'ALL_PROXY',
    'GITHUB_API_URL'
];
/**
 * The credentials written into the proxy URLs and GITHUB_API_URL, in every form a message could
 * show them (as written, decoded, `user:password`): to be masked before anything can print them.
 * A user name is a secret only when it stands alone (a token as the user, no password).
 */
function credentialsInEnvironment(env) {
    const found = new Set();
    for (const name of URL_VARIABLES) {
        const value = env[name]?.trim();
        if (!value)
            continue;
        const userinfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(value)?.[1] ??
            /^([^/?#:]*:[^/?#]*)@/.exec(value)?.[1];
        if (userinfo === undefined)
            continue;
        const colon = userinfo.indexOf(':');
        // A user name alone is masked only when it is the credential (a token, no password).
        const secret = colon < 0 ? userinfo : userinfo.slice(colon + 1);
        const forms = colon < 0 ? [secret] : [secret, userinfo];
        for (const form of forms.flatMap(text => [text, decoded(text)])) {
            if (form !== '')
                found.add(form);
        }
    }
    return [...found];
}
function decoded(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/**
 * The CA certificates to trust beside the system's when `ca-cert` is given. Giving Node a CA
 * replaces its trust store, so the runner's NODE_EXTRA_CA_CERTS (a corporate root, say) is added
 * here too; without `ca-cert` Node applies it by itself.
 */
function withExtraCaCerts(caCert, env) {
    const extra = env.NODE_EXTRA_CA_CERTS;
    if (!extra)
        return caCert;
    try {
        return `${caCert}\n${(0,external_node_fs_namespaceObject.readFileSync)(extra, 'utf8')}`;
    }
    catch {
        // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS; so do we, by ignoring it.
        return caCert;
    }
}

;// CONCATENATED MODULE: ./src/template/preview.ts
/**
 * A message's text as HTML for the job summary: what a Rocket.Chat reader sees, in the subset that
 * matters for checking a message (links, bold, italic, strike, code, code blocks, headings).
 * Everything else is escaped text. test/preview.test.ts compares it with Rocket.Chat's parser.
 */
const INLINE = /`([^`\n]+)`|\\([*_~`#.])|\[([^[\]\n]*)\]\((https?:\/\/[^()[\]\s]+)\)|<(https?:\/\/[^|<>\s]+)\|([^<>\n]*)>|(https?:\/\/[^\s<>]+)|\*\*([^*\n]+)\*\*|\*([^*\n]+)\*|(?<![A-Za-z0-9])_([^_\n]+)_(?![A-Za-z0-9])|~~([^~\n]+)~~|~([^~\n]+)~/g;
/** Top-level domains reserved for tests and examples (RFC 2606), which Rocket.Chat does not link. */
const RESERVED_TLD = /^https?:\/\/[^/?#\s]*\.(?:example|test|invalid|localhost)(?:[/:?#)]|$)/i;
function previewHtml(text) {
    const html = [];
    let code;
    for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
        if (code) {
            if (line.trim() === '```') {
                html.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
                code = undefined;
            }
            else
                code.push(line);
            continue;
        }
        if (/^```[A-Za-z0-9_. -]*$/.test(line)) {
            code = [];
            continue;
        }
        const heading = /^(#{1,4})[ \t]+(.*)$/.exec(line);
        if (heading) {
            const level = heading[1]?.length ?? 1;
            html.push(`<h${level}>${inline(heading[2] ?? '')}</h${level}>`);
        }
        else
            html.push(`${inline(line)}<br>`);
    }
    // A code block left open shows as text, as Rocket.Chat shows it.
    if (code)
        html.push(...code.map(line => `${escapeHtml(line)}<br>`));
    return html.join('\n');
}
function inline(text) {
    let out = '';
    let cursor = 0;
    for (const match of text.matchAll(INLINE)) {
        out += escapeHtml(text.slice(cursor, match.index));
        out += preview_element(match);
        cursor = match.index + match[0].length;
    }
    return out + escapeHtml(text.slice(cursor));
}
function preview_element(match) {
    const [, code, escaped, label, href, angleHref, angleLabel, bare, strong, bold, em, del, strike] = match;
    if (code !== undefined)
        return `<code>${escapeHtml(code)}</code>`;
    if (escaped !== undefined)
        return escapeHtml(escaped);
    if (href !== undefined)
        return preview_anchor(href, inline(label ?? ''));
    if (angleHref !== undefined)
        return preview_anchor(angleHref, escapeHtml(angleLabel ?? ''));
    if (bare !== undefined) {
        // Rocket.Chat links a bare URL only under a real top-level domain.
        return RESERVED_TLD.test(bare) ? escapeHtml(bare) : preview_anchor(bare, escapeHtml(bare));
    }
    if (strong !== undefined || bold !== undefined)
        return `<strong>${inline(strong ?? bold ?? '')}</strong>`;
    if (em !== undefined)
        return `<em>${inline(em)}</em>`;
    return `<del>${inline(del ?? strike ?? '')}</del>`;
}
function preview_anchor(href, label) {
    return `<a href="${escapeHtml(href)}">${label}</a>`;
}
/** Text as HTML shows it literally, quotes included so it is safe in attributes too. */
function escapeHtml(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;');
}

;// CONCATENATED MODULE: ./src/action/report.ts




/** GitHub refuses an output or a job summary past 1 MiB; a step that delivered must not fail on it. */
const OUTPUT_LIMIT = 1024 * 1024;
/** Rows of the summary's table; the rest are counted, not shown. */
const SUMMARY_ROWS = 1000;
/** Outputs, log lines, annotations, the job summary and the step's verdict. */
async function report(delivery) {
    const { results, plan } = delivery;
    const safe = (text) => (0,redact/* redact */.E)(text, delivery.secrets);
    // The action's own identifiers and masked URLs are masked only by secrets that cannot be words
    // in them (secrets.ts): a password `general` leaves `#general` and its room id intact.
    const masked = delivery.destinations.map(d => d.masked);
    const strong = delivery.secrets.filter(secret => secretKind(secret, masked) === 'whole');
    const safeId = (text) => (0,redact/* redact */.E)(text, strong);
    const urls = masked.map(safeId);
    // The counts are of targets; a file sent after the message has results of its own.
    const messages = results.filter(r => r.file === undefined);
    const sent = messages.filter(r => r.outcome === 'delivered' || r.outcome === 'updated');
    const failed = messages.filter(r => r.outcome === 'failed');
    const unconfirmed = messages.filter(r => r.outcome === 'unconfirmed');
    const first = sent.find(r => r.messageId !== undefined);
    setOutputs({
        sent: sent.length,
        failed: failed.length,
        unconfirmed: unconfirmed.length,
        'message-id': safeId(first?.messageId ?? ''),
        'room-id': safeId(first?.roomId ?? ''),
        'thread-id': safeId(threadIdOf(first) ?? ''),
        skipped: '',
        destinations: JSON.stringify(urls),
        results: resultsOutput(results, safe, safeId)
    });
    // Each destination's URL is written once; a line per target names it by its number.
    for (const [i, url] of urls.entries())
        info(line(`Destination ${i + 1}: ${url}`));
    if (plan) {
        info(`Dry run: ${plan.length} request(s) planned, none sent.`);
        for (const request of plan)
            info(safe(JSON.stringify(request, null, 2)));
    }
    for (const r of sent) {
        const verb = r.outcome === 'updated' ? 'Updated the message in' : 'Sent to';
        info(line(safe(`${verb} ${r.target} (destination ${r.destination + 1})`)));
    }
    for (const r of unconfirmed) {
        core_warning(safe(`Unconfirmed for ${r.target} (destination ${r.destination + 1}): ${r.reason}`));
    }
    const annotate = delivery.failOnError ? error : core_warning;
    for (const r of failed) {
        annotate(safe(`Not delivered to ${r.target} (destination ${r.destination + 1}, ${r.kind}): ${r.error}`));
    }
    const files = reportFiles(results, delivery.failOnError, safe);
    await writeSummary(delivery, urls, safe, safeId);
    if (delivery.failOnError && (failed.length > 0 || files.failed > 0)) {
        const why = [
            ...(failed.length > 0
                ? [`${failed.length} of ${messages.length} target(s) did not receive the message`]
                : []),
            ...(files.failed > 0 ? [`${files.failed} of ${files.count} file upload(s) failed`] : [])
        ];
        setFailed(why.join('; '));
    }
}
/** A line per file sent, a warning per unconfirmed one, an annotation per failed one. */
function reportFiles(results, failOnError, safe) {
    const files = results.filter(r => r.file !== undefined);
    const annotate = failOnError ? error : core_warning;
    for (const r of files) {
        const where = `${r.file?.name ?? ''} to ${r.target} (destination ${r.destination + 1})`;
        if (r.outcome === 'delivered')
            info(line(safe(`Uploaded ${where}`)));
        else if (r.outcome === 'unconfirmed')
            core_warning(safe(`Unconfirmed upload of ${where}: ${r.reason}`));
        else if (r.outcome === 'failed')
            annotate(safe(`File not uploaded: ${where}, ${r.kind}: ${r.error}`));
    }
    return { count: files.length, failed: files.filter(r => r.outcome === 'failed').length };
}
/**
 * A step stopped by an error before its results were reported (a bad input, a proxy setting that
 * is not a URL): the outputs and the summary still say what happened, masked. The step's verdict
 * was set by the caller, which calls this only when nothing was reported yet: a later error must
 * not overwrite a run's outputs.
 */
async function reportStopped(why, secrets, leftOut = []) {
    const safe = (text) => (0,redact/* redact */.E)(text, secrets);
    const error = safe(why);
    setOutputs({
        sent: 0,
        failed: 1,
        unconfirmed: 0,
        'message-id': '',
        'room-id': '',
        'thread-id': '',
        skipped: '',
        destinations: '[]',
        results: JSON.stringify([{ outcome: 'failed', kind: 'rejected', error }])
    });
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    try {
        await summary_summary
            .addHeading('Rocket.Chat Notify', 3)
            .addRaw(`<p>\u274c Stopped before the message was sent: ${escapeHtml(clip(error))}</p>\n`)
            .addRaw(leftOutHtml(leftOut, safe))
            .write();
    }
    catch (failure) {
        // The step already failed with the reason; a summary that cannot be written only adds a warning.
        core_warning(`job summary not written: ${safe(failure instanceof Error ? failure.message : String(failure))}`);
    }
}
/** The notes of what the message went without, as a list for the summary; empty when none. */
function leftOutHtml(leftOut, safe) {
    if (leftOut.length === 0)
        return '';
    const items = leftOut.map(note => `<li>${escapeHtml(safe(note))}</li>`).join('\n');
    return `<p>Left out of the message:</p>\n<ul>\n${items}\n</ul>\n`;
}
/** The mistakes that fail the step, listed so that a "Sent" never hides them; empty when none. */
function mistakesHtml(mistakes, safe) {
    if (mistakes.length === 0)
        return '';
    const shown = mistakes.slice(0, SUMMARY_ROWS);
    const items = shown.map(mistake => `<li>${escapeHtml(clip(safe(mistake)))}</li>`).join('\n');
    const more = mistakes.length > shown.length ? `<p>${mistakes.length - shown.length} more.</p>\n` : '';
    return ('<p>Mistakes in the inputs (the message went anyway: a failing expression shown as written, ' +
        `an unreadable value replaced by its fallback):</p>\n<ul>\n${items}\n</ul>\n${more}`);
}
/**
 * `notify-when: changed` and nothing changed: the outputs say none was sent, `skipped` and the job
 * summary say why, and the step succeeds.
 */
async function reportUnchanged(reason, destinations) {
    setOutputs({
        sent: 0,
        failed: 0,
        unconfirmed: 0,
        'message-id': '',
        'room-id': '',
        'thread-id': '',
        skipped: reason,
        destinations: JSON.stringify(destinations.map(d => d.masked)),
        results: '[]'
    });
    info(line(reason));
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    await summary_summary
        .addHeading('Rocket.Chat Notify', 3)
        .addRaw(`<p>${escapeHtml(reason)}</p>`)
        .write();
}
function setOutputs(outputs) {
    for (const [name, value] of Object.entries(outputs))
        setOutput(name, value);
}
/**
 * A log line that stays one line: a server's words or an event's text could otherwise start a
 * line with `::` and become a runner command (annotations are escaped by @actions/core itself).
 */
function line(text) {
    return text.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}
/** What workflows branch on: one small entry per target, the URL as an index, at most 1 MiB. */
function resultsOutput(results, safe, safeId) {
    const entries = [];
    let size = 2;
    for (const [i, r] of results.entries()) {
        // Secrets are masked inside the strings, so none can break the JSON around them; outcome and
        // kind are the action's own words, never masked.
        const entry = JSON.stringify(outputEntry(r), (key, value) => typeof value !== 'string' || key === 'outcome' || key === 'kind'
            ? value
            : key === 'error' || key === 'reason'
                ? safe(value)
                : safeId(value));
        const bytes = Buffer.byteLength(entry);
        // Room for the note that replaces what does not fit (the limit is GitHub's, in bytes).
        if (size + bytes + 1 > OUTPUT_LIMIT - 200) {
            const note = `${results.length - i} more result(s) left out: the output would pass 1 MiB`;
            core_warning(`results output truncated: ${note}`);
            entries.push(JSON.stringify({ truncated: note }));
            break;
        }
        entries.push(entry);
        size += bytes + 1;
    }
    return `[${entries.join(',')}]`;
}
/** The root of the keyed thread a result's message went into (thread-key), if any. */
function threadIdOf(r) {
    return r?.outcome === 'delivered' ? r.threadId : undefined;
}
function outputEntry(r) {
    const { destination, target } = r;
    // A file's entry names it: `file` {name, size}, and `fileId` once the server stored it.
    const of = r.file === undefined ? { destination, target } : { destination, target, file: r.file };
    switch (r.outcome) {
        case 'delivered':
            return {
                ...of,
                outcome: r.outcome,
                messageId: r.messageId,
                roomId: r.roomId,
                threadId: threadIdOf(r),
                ...(r.fileId === undefined ? {} : { fileId: r.fileId })
            };
        case 'updated':
            return { ...of, outcome: r.outcome, messageId: r.messageId, roomId: r.roomId };
        case 'planned':
            return { ...of, outcome: r.outcome };
        case 'unconfirmed':
            return { ...of, outcome: r.outcome, reason: r.reason };
        case 'failed':
            return {
                ...of,
                outcome: r.outcome,
                kind: r.kind,
                status: r.status,
                error: r.error
            };
    }
}
const OUTCOME_LABEL = {
    delivered: '\u2705 Sent',
    updated: '\u270f\ufe0f Updated',
    planned: '\ud83d\udcdd Planned',
    unconfirmed: '\u2754 Unconfirmed',
    failed: '\u274c Failed'
};
function detail(r, safe, safeId) {
    switch (r.outcome) {
        case 'delivered':
        case 'updated': {
            // A keyed thread's root (thread-key), for finding the thread again from the run.
            const thread = threadIdOf(r);
            return safeId(r.messageId ?? '') + (thread ? ` in thread ${safeId(thread)}` : '');
        }
        case 'planned':
            return '';
        case 'unconfirmed':
            return safe(r.reason);
        case 'failed':
            return `${r.kind}: ${safe(r.error)}`;
    }
}
/** A file's row names the file and its size after the target: `#general \ud83d\udcce report.txt (20 B)`. */
function targetCell(r) {
    if (r.file === undefined)
        return r.target;
    const size = r.file.size === undefined ? '' : ` (${sizeText(r.file.size)})`;
    return `${r.target} \ud83d\udcce ${r.file.name}${size}`;
}
function sizeText(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    if (bytes < 1024 * 1024)
        return `${(bytes / 1024).toFixed(1)} KiB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
/** The table is written by hand: @actions/core leaves an empty cell unclosed (`<td></tr>`). */
async function writeSummary(delivery, urls, safe, safeId) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    const { results, message, plan } = delivery;
    const cell = (tag, text) => `<${tag}>${escapeHtml(text)}</${tag}>`;
    // Each URL once, above the table; a row names its destination by number, so the summary stays
    // linear in the targets however long a URL is.
    const list = urls.map(url => `<li><code>${escapeHtml(url)}</code></li>`).join('\n');
    // `#` numbers the rows; `Destination` points into the list of URLs above.
    const header = ['#', 'Destination', 'Target', 'Result', 'Message id or error'];
    const rows = results
        .slice(0, SUMMARY_ROWS)
        .map((r, i) => [
        String(i + 1),
        String(r.destination + 1),
        safeId(targetCell(r)),
        OUTCOME_LABEL[r.outcome],
        detail(r, safe, safeId)
    ]
        .map(text => cell('td', text))
        .join(''));
    const table = [
        `<ol>\n${list}\n</ol>`,
        '<table>',
        `<tr>${header.map(text => cell('th', text)).join('')}</tr>`,
        ...rows.map(row => `<tr>${row}</tr>`),
        '</table>'
    ].join('\n');
    const more = results.length > SUMMARY_ROWS
        ? `<p>${results.length - SUMMARY_ROWS} more target(s): see the results output.</p>\n`
        : '';
    const preview = [message.title ? `# ${message.title}` : '', message.body]
        .filter(Boolean)
        .join('\n');
    let summary = summary_summary
        .addHeading(plan ? 'Rocket.Chat Notify (dry run)' : 'Rocket.Chat Notify', 3)
        .addRaw(`${table}\n${more}${leftOutHtml(delivery.leftOut ?? [], safe)}${mistakesHtml(delivery.mistakes ?? [], safe)}`)
        // As it will read in Rocket.Chat: links, emphasis, code and headings rendered, the rest escaped.
        .addDetails('Message', previewHtml(clip(safe(preview))));
    if (plan) {
        const planned = JSON.stringify(plan.slice(0, SUMMARY_ROWS), null, 2);
        summary = summary.addDetails('Planned requests', `<pre>${escapeHtml(clip(safe(planned)))}</pre>`);
    }
    await summary.write();
}
/** Keeps a preview well under the summary's 1 MiB. */
function clip(text) {
    const max = 64 * 1024;
    return text.length > max
        ? `${text.slice(0, max)}\n\u2026 (${text.length - max} more characters)`
        : text;
}

;// CONCATENATED MODULE: ./src/test-results/compare.ts
/** Suite and name, NFC and trimmed, joined by a character no report can put in a name. */
function testIdentity(test) {
    return `${test.suite.normalize('NFC').trim()}\u0000${test.name.normalize('NFC').trim()}`;
}
/**
 * Every case of this run's reports against every case of the previous run's. A test written in
 * several reports (a matrix's jobs) failed if it failed in any; it is fixed only if it failed
 * before and none of its cases fails now, and one of them passed (a test no longer run is not fixed).
 */
function compareFailures(current, previous) {
    const failedBefore = new Set();
    for (const test of previous) {
        if (test.outcome === 'failed')
            failedBefore.add(testIdentity(test));
    }
    const alreadyFailing = new Set();
    const failingNow = new Set();
    const passingNow = new Set();
    let newFailures = 0;
    for (const test of current) {
        const identity = testIdentity(test);
        if (test.outcome === 'failed') {
            failingNow.add(identity);
            if (failedBefore.has(identity))
                alreadyFailing.add(identity);
            else
                newFailures++;
        }
        else if (test.outcome === 'passed' && failedBefore.has(identity)) {
            passingNow.add(identity);
        }
    }
    let fixed = 0;
    for (const identity of passingNow)
        if (!failingNow.has(identity))
            fixed++;
    return { alreadyFailing, newFailures, fixed };
}

// EXTERNAL MODULE: ./src/run/job-results.ts
var job_results = __nccwpck_require__(7997);
;// CONCATENATED MODULE: ./src/template/run-details-wording.ts


const SHOWN_FAILED_JOBS = 5;
const SHOWN_ANNOTATIONS = 3;
/** Past this many jobs, a job list names only those that did not succeed. */
const LISTED_JOBS = 8;
const run_details_wording_NAME_LENGTH = 100;
const MESSAGE_LENGTH = 200;
const RESULT_EMOJI = {
    success: '\u2705',
    failure: '\u274c',
    timed_out: '\u23f1\ufe0f',
    cancelled: '\u26aa',
    skipped: '\u23ed\ufe0f'
};
/** `status` is the run's own, decided by the caller (src/action/run-lookup.ts) once. */
function runDetailsValue(details, github, summaryJob, status) {
    const jobs = details.jobs.map(job => jobValue(job, github, details.runId));
    const seconds = (0,job_results/* runDurationSeconds */.Dc)(details.jobs);
    const value = {
        status,
        duration: seconds === undefined ? '' : formatDuration(seconds),
        duration_seconds: seconds ?? null,
        jobs,
        failed_jobs: jobs.filter((_, i) => {
            const job = details.jobs[i];
            return job !== undefined && (0,job_results/* isFailing */.DI)(job);
        }),
        annotations: details.annotations.map(annotation => ({
            job: inertLine(annotation.jobName, run_details_wording_NAME_LENGTH),
            level: annotation.level,
            title: inertLine(annotation.title, run_details_wording_NAME_LENGTH),
            message: inertLine(annotation.message, MESSAGE_LENGTH),
            path: inertLine(annotation.path, run_details_wording_NAME_LENGTH),
            line: annotation.line ?? null,
            location: run_details_wording_location(annotation.path, annotation.line)
        })),
        summary: '',
        jobs_summary: '',
        summary_job: summaryJob
    };
    value.summary = failureLines(value).join('\n');
    value.jobs_summary = jobList(value);
    return value;
}
/**
 * The default message with the run's details: on failure the failed jobs and first errors, and in
 * a summary job every finished job with its result.
 */
function addRunDetails(message, value, status) {
    const lines = [];
    if (value.summary_job)
        lines.push(value.jobs_summary);
    if (status === 'failure')
        lines.push(value.summary);
    const attachment = { ...message.attachment };
    const before = typeof attachment.text === 'string' && attachment.text ? [attachment.text] : [];
    const text = [...before, ...lines.filter(Boolean)].join('\n');
    if (text)
        attachment.text = text;
    if (value.duration) {
        const fields = Array.isArray(attachment.fields) ? attachment.fields : [];
        attachment.fields = [...fields, { title: 'Duration', value: value.duration, short: true }];
    }
    const [first, ...others] = value.failed_jobs;
    const failedLine = status === 'failure' && first
        ? ` \u00b7 ${(0,inert/* inertText */.UJ)(first.name)}${first.failed_step ? ` at step ${first.failed_step.number}` : ''}` +
            (others.length > 0 ? ` and ${others.length} more` : '')
        : '';
    return { text: `${message.text}${failedLine}`, attachment };
}
function failureLines(value) {
    const lines = [];
    for (const job of value.failed_jobs.slice(0, SHOWN_FAILED_JOBS)) {
        // A name is plain text inside a link label; anywhere else it is made inert.
        const name = job.url ? `[${label(job.name)}](${job.url})` : `**${(0,inert/* inertText */.UJ)(job.name)}**`;
        const step = job.failed_step
            ? ` at step ${job.failed_step.number}: ${job.failed_step.url
                ? `[${label(job.failed_step.name)}](${job.failed_step.url})`
                : (0,inert/* inertText */.UJ)(job.failed_step.name)}`
            : '';
        // Beside a step, each time says whose it is: the step's own, the whole job's.
        const times = [
            job.failed_step?.duration ? `step ${job.failed_step.duration}` : '',
            job.duration ? `${job.failed_step ? 'job ' : ''}${job.duration}` : ''
        ].filter(Boolean);
        lines.push(`${RESULT_EMOJI[job.result] ?? '\u274c'} ${name} ${job.result === 'timed_out' ? 'timed out' : 'failed'}${step}${times.length > 0 ? ` (${times.join(', ')})` : ''}`);
        if (job.log)
            lines.push(codeBlock(job.log));
    }
    const hidden = value.failed_jobs.length - SHOWN_FAILED_JOBS;
    if (hidden > 0)
        lines.push(`and ${hidden} more failed job(s)`);
    const errors = value.annotations.filter(a => a.level === 'failure').slice(0, SHOWN_ANNOTATIONS);
    for (const error of errors) {
        lines.push(`> ${error.location ? `${code(error.location)} ` : ''}${code(error.message)}`);
    }
    return lines;
}
function jobList(value) {
    const finished = value.jobs.filter(job => job.result !== '');
    const many = finished.length > LISTED_JOBS;
    const shown = many
        ? finished.filter(job => !['success', 'skipped'].includes(job.result))
        : finished;
    const items = shown.map(job => `${RESULT_EMOJI[job.result] ?? '\u25ab\ufe0f'} ${(0,inert/* inertText */.UJ)(job.name)}`);
    if (many) {
        const passed = finished.length - shown.length;
        items.push(`${passed} other job(s) succeeded or were skipped`);
    }
    return items.join(' \u00b7 ');
}
/** A job's page, in the run the jobs were read from (on `workflow_run`, the triggering one). */
function jobValue(job, github, runId) {
    const run = runId ?? github.run_id;
    const url = job.id > 0 && github.repository && run
        ? `${github.server_url}/${github.repository}/actions/runs/${run}/job/${job.id}`
        : '';
    const seconds = (0,job_results/* jobDurationSeconds */.P7)(job);
    return {
        id: job.id,
        name: inertLine(job.name, run_details_wording_NAME_LENGTH),
        result: job.result,
        duration: durationOf(seconds),
        url,
        failed_step: job.failedStep
            ? {
                name: inertLine(job.failedStep.name, run_details_wording_NAME_LENGTH),
                number: job.failedStep.number,
                url: url ? `${url}#step:${job.failedStep.number}:1` : '',
                duration: durationOf((0,job_results/* stepDurationSeconds */.cf)(job.failedStep))
            }
            : null,
        log: job.log ?? ''
    };
}
/** `path:line`; the run's own errors ("Process completed with exit code 1.") sit on `.github`. */
function run_details_wording_location(path, line) {
    if (!path || path === '.github')
        return '';
    return inertLine(line === undefined ? path : `${path}:${line}`, run_details_wording_NAME_LENGTH);
}
function durationOf(seconds) {
    return seconds === undefined ? '' : formatDuration(seconds);
}
function formatDuration(seconds) {
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    if (h > 0)
        return `${h}h ${m}m`;
    if (m > 0)
        return `${m}m ${s}s`;
    return `${s}s`;
}
/**
 * Untrusted text as one bounded line of data, with no `@` that Rocket.Chat would read as a mention
 * (a zero-width space follows it). Unlike inertText (inert.ts), which makes text inert for a
 * message, it leaves markup alone: inertText defuses the rest where a name stands outside a label.
 */
function inertLine(text, max) {
    const line = text
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/@(?=[\p{L}\p{N}_.-])/gu, '@\u200B');
    const chars = Array.from(line);
    return chars.length > max ? `${chars.slice(0, max - 1).join('')}\u2026` : line;
}
/** A link label that cannot end early or nest another link. */
function label(text) {
    return text.replace(/[[\]]/g, '');
}
/**
 * A log excerpt as a code block: shown as it is, no mention, link or markup inside acts. No run of
 * backticks in the log can close the block early (a zero-width space breaks it), and an `@` is
 * defused as everywhere else, for servers that look for mentions in the raw text.
 */
function codeBlock(text) {
    const safe = text.replace(/`(?=`)/g, '`\u200B').replace(/@(?=[\p{L}\p{N}_.-])/gu, '@\u200B');
    return `\`\`\`\n${safe}\n\`\`\``;
}
/** Inline code shows its text as it is: no link, emphasis or emoji inside acts. */
function code(text) {
    return `\`${text.replace(/`/g, "'")}\``;
}

;// CONCATENATED MODULE: ./src/action/subject-run.ts
/*
 * The run a message is about, as the lookups of the run's details and of the previous run name it:
 * this one, or on `workflow_run` the run that triggered it (the notifying workflow is only the
 * messenger). Every value is read from the event or the runner, and untrusted.
 */


/** The lookups' own budget: a slow API delays the alert by this much at most, never loses it. */
const LOOKUP_TIMEOUT_MS = 5000;
function subjectRunOf(github) {
    const triggering = github.event_name === 'workflow_run' ? github.event.workflow_run : undefined;
    if (typeof triggering === 'object' && triggering !== null) {
        const run = triggering;
        if (!isId(run.id))
            return undefined;
        const pullRequests = Array.isArray(run.pull_requests) ? run.pull_requests : [];
        const [pullRequest] = pullRequests;
        return {
            id: run.id,
            attempt: isId(run.run_attempt) ? run.run_attempt : 1,
            number: isId(run.run_number) ? run.run_number : 0,
            workflow: isId(run.workflow_id) ? run.workflow_id : '',
            branch: subject_run_text(run.head_branch),
            event: subject_run_text(run.event),
            headRepository: subject_run_text(field(run.head_repository, 'full_name')),
            pullRequest: idOrUndefined(field(pullRequest, 'number')),
            conclusion: (0,conclusions/* conclusionOf */.vu)(run.conclusion)
        };
    }
    const id = Number(github.run_id);
    if (!isId(id))
        return undefined;
    const file = /\/\.github\/workflows\/([^@/]+)@/.exec(github.workflow_ref)?.[1] ?? '';
    const pullRequest = github.event.pull_request;
    return {
        id,
        attempt: Number(github.run_attempt) || 1,
        number: Number(github.run_number) || 0,
        workflow: file,
        branch: github.head_ref || (github.ref_type === 'branch' ? github.ref_name : ''),
        event: github.event_name,
        headRepository: pullRequest === undefined
            ? github.repository
            : subject_run_text(field(field(field(pullRequest, 'head'), 'repo'), 'full_name')),
        pullRequest: idOrUndefined(field(pullRequest, 'number')),
        conclusion: undefined
    };
}
/** A GitHub API failure in words: no answer, unreachable, rate limit, or what it answered. */
function describeGitHubError(error) {
    const { kind, status } = error;
    const said = (0,error_message/* errorMessage */.g)(error);
    if (kind === 'timeout')
        return `gave no answer in time (${said})`;
    // Refused with no status of its own: a redirect loop, a bad GITHUB_API_URL.
    if (kind === 'rejected' && status === undefined)
        return `could not be read: ${said}`;
    if (kind === 'network')
        return `could not be reached (${said})`;
    if (kind === 'rate-limit')
        return `refused the request: the API rate limit is spent (${said})`;
    return `answered ${said}`;
}
function isId(value) {
    return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
function idOrUndefined(value) {
    return isId(value) ? value : undefined;
}
function field(value, name) {
    return typeof value === 'object' && value !== null
        ? value[name]
        : undefined;
}
function subject_run_text(value) {
    return typeof value === 'string' ? value : '';
}

;// CONCATENATED MODULE: ./src/action/previous-run.ts
/*
 * `notify-when: changed`: the previous verdict of a run like this one, and whether this run broke
 * or fixed it. Like with like (docs/run-verdicts.md): a completed run of the same workflow, event
 * kind, head repository and head branch, and of the same pull request where both name one; for a
 * re-run, the previous attempt first. A fork's run never stands for the base branch's.
 */





/**
 * The runs this one is compared with, newest first: for a re-run, its previous attempt, then the
 * earlier runs like it. Any reason they cannot be read is a notice, and the message goes.
 */
async function readPreviousRuns(token, runner, subject, network, deadline, budgetMs = LOOKUP_TIMEOUT_MS, 
// Who compares: its notice says what goes without the previous run.
comparing = 'notify-when: changed: not compared with the previous run') {
    const { github } = runner;
    const [owner, repo] = github.repository.split('/');
    const notCompared = (why) => {
        core_notice(`${comparing} (${why}); the message is sent.`);
    };
    if (!owner || !repo || !subject || subject.workflow === '' || subject.branch === '') {
        notCompared('the workflow or branch of the run is unknown');
        return undefined;
    }
    if (token === '') {
        notCompared('github-token is empty');
        return undefined;
    }
    const options = {
        timeoutMs: budgetMs,
        deadline,
        userAgent: network.userAgent,
        annotations: false,
        proxy: network.proxy
    };
    try {
        const { readPastRuns, readRunAttempt } = await Promise.all(/* import() */[__nccwpck_require__.e(157), __nccwpck_require__.e(819)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1819));
        const api = { apiUrl: github.api_url, owner, repo, token };
        const [listed, attempt] = await Promise.all([
            readPastRuns({ ...api, workflow: subject.workflow, branch: subject.branch }, options),
            subject.attempt > 1
                ? readRunAttempt({ ...api, runId: subject.id, attempt: subject.attempt - 1 }, options)
                : undefined
        ]);
        const earlier = listed.filter(run => run.id !== subject.id && (subject.number === 0 || run.number < subject.number));
        return [...(attempt ? [attempt] : []), ...earlier.filter(run => isLike(run, subject))];
    }
    catch (error) {
        notCompared(`GitHub ${describeGitHubError(error)}; reading runs takes \`actions: read\``);
        return undefined;
    }
}
/**
 * A run like the subject: same event kind, head repository and head branch (the runs list is
 * already of the same workflow), and the same pull request where both name one. GitHub names no
 * pull request for a fork's run; its head repository tells it apart.
 */
function isLike(run, subject) {
    return (run.event === subject.event &&
        run.headRepository !== '' &&
        run.headRepository.toLowerCase() === subject.headRepository.toLowerCase() &&
        run.headBranch === subject.branch &&
        (subject.pullRequest === undefined ||
            run.pullRequests.length === 0 ||
            run.pullRequests.includes(subject.pullRequest)));
}
/**
 * The previous verdict (a success or a failure; runs with none say nothing) against this run's
 * status: broken, fixed or unchanged. Undefined when there is nothing to compare.
 */
function compare(status, runs, now = Date.now()) {
    if (status !== 'success' && status !== 'failure')
        return undefined;
    const verdicts = withVerdicts(runs);
    const [last] = verdicts;
    if (!last && runs.length > 0) {
        const many = runs.length === 1 ? 'run' : `${runs.length} runs`;
        const have = runs.length === 1 ? 'has' : 'have';
        core_notice(`notify-when: changed: the last ${many} like this one ${have} no verdict ` +
            `(${withoutVerdict(runs)}); the message is sent.`);
        return undefined;
    }
    if (!last) {
        core_notice('notify-when: changed: no previous completed run like this one (same workflow, event, head ' +
            'repository and branch); the message is sent.');
        return undefined;
    }
    const streak = verdicts.findIndex(entry => entry.verdict === 'success');
    const failed = streak === -1 ? verdicts.length : streak;
    const first = verdicts[failed - 1]?.run;
    const startedAt = first?.createdAt === undefined ? NaN : Date.parse(first.createdAt);
    const fixed = status === 'success' && last.verdict === 'failure';
    return {
        status: last.verdict,
        number: last.run.number,
        url: last.run.url,
        sha: last.run.sha,
        change: last.verdict === status ? 'unchanged' : status === 'failure' ? 'broken' : 'fixed',
        failed_runs: failed,
        failed_runs_more: streak === -1,
        broken_since: fixed && first ? { number: first.number, url: first.url, sha: first.sha } : null,
        broken_for: fixed && !Number.isNaN(startedAt)
            ? formatDuration(Math.max(0, Math.round((now - startedAt) / 1000)))
            : ''
    };
}
/** The runs with a verdict, newest first: the first is the one this run is compared with. */
function withVerdicts(runs) {
    return runs.flatMap(run => {
        const verdict = (0,jobs/* statusOfConclusion */.fx)(run.conclusion);
        return verdict === 'success' || verdict === 'failure' ? [{ run, verdict }] : [];
    });
}
/**
 * The run `compare` compares with: the newest like this one with a verdict (a success or a
 * failure), and that verdict; undefined when there is none.
 */
function comparedRun(runs) {
    return withVerdicts(runs)[0];
}
/** The conclusions of runs with no verdict, each named once, in the order met: GitHub's names only. */
function withoutVerdict(runs) {
    const names = runs.map(run => (0,conclusions/* conclusionOf */.vu)(run.conclusion) ?? 'unknown');
    return [...new Set(names)].join(', ').replace(/_/g, ' ');
}
function unchangedReason(status, previous) {
    return status === 'failure'
        ? `notify-when: changed: still failing, as run #${previous.number} did; no message is sent.`
        : `notify-when: changed: still succeeding, as run #${previous.number} did; no message is sent.`;
}

;// CONCATENATED MODULE: ./src/action/test-results.ts







/** The most reports one line of `test-results` reads: a glob's matches past it are named, not read. */
const MAX_REPORTS = 1000;
/** The failures and flaky tests the `test-results` output lists; the counts count them all. */
const OUTPUT_LISTED = 100;
/**
 * The reports `test-results` names (workspace paths or globs, by the rules of `files`: confined to
 * the workspace, at most `maxBytes` each, a glob matching nothing a warning), read and summed up.
 * The parsers are loaded here, by dynamic import: a run without reports never loads them. A report
 * that cannot be read or is refused (a DOCTYPE, too large, not a report) is a mistake naming it;
 * the others still count, and the message still goes.
 */
async function readTestResults(patterns, maxBytes, warn, workspace = defaultWorkspace(), artifact = { reports: [], mistakes: [] }) {
    const { readReport, summarize } = await __nccwpck_require__.e(/* import() */ 256).then(__nccwpck_require__.bind(__nccwpck_require__, 3256));
    const problems = [];
    const paths = [];
    for (const pattern of patterns) {
        const matches = (await expand(pattern, workspace, warn, problems, 'test-results')) ?? [];
        if (matches.length > MAX_REPORTS) {
            warn(`test-results: ${pattern} matches ${matches.length} files; only the first ${MAX_REPORTS} are read`);
        }
        paths.push(...matches.slice(0, MAX_REPORTS));
    }
    const without = 'the message goes without it';
    const mistakes = [
        ...artifact.mistakes,
        ...problems.map(problem => `${problem.reason}; ${without}`)
    ];
    const reports = [];
    for (const { file, text } of artifact.reports) {
        try {
            reports.push({ file, report: await readReport(text, workspace) });
        }
        catch (error) {
            mistakes.push(`test-results-artifact: ${file} is refused: ${(0,error_message/* errorMessage */.g)(error)}; ${without}`);
        }
    }
    const seen = new Set();
    for (const path of paths) {
        let text;
        try {
            const opened = openWorkspaceFile('test-results', path, maxBytes, workspace);
            try {
                if (seen.has(opened.file))
                    continue;
                seen.add(opened.file);
                const bytes = readOpenFile(opened.fd, opened.size, maxBytes);
                if (bytes === undefined) {
                    throw new WorkspaceFileError(`test-results: ${path} grew past the limit of ${maxBytes} bytes while read`, 'too-large');
                }
                text = bytes.toString('utf8');
            }
            finally {
                (0,external_node_fs_namespaceObject.closeSync)(opened.fd);
            }
        }
        catch (error) {
            if (!(error instanceof WorkspaceFileError))
                throw error;
            mistakes.push(`${error.message}; ${without}`);
            continue;
        }
        try {
            reports.push({ file: path, report: await readReport(text, workspace) });
        }
        catch (error) {
            // Whatever a parser says of a hostile file, the file is refused and the alert goes.
            mistakes.push(`test-results: ${path} is refused: ${(0,error_message/* errorMessage */.g)(error)}; ${without}`);
        }
    }
    return {
        summary: reports.length > 0 ? summarize(reports) : undefined,
        mistakes,
        reports: reports.map(({ report }) => report)
    };
}
/** An artifact's zip, all entries inflated: a few reports' worth, never a bomb's. */
const ARTIFACT_TOTAL_FACTOR = 4;
/**
 * `test-results-artifact`: the reports in the triggering run's artifact of that name, on
 * `workflow_run` (a fork-safe notifier reads the tests the fork's run wrote). The zip is at most
 * `max-file-size`, each report in it too, all of them together four times that; a zip that breaks
 * a limit or escapes itself is refused whole, by its name, and the message goes without it.
 */
async function readTestArtifact(name, maxBytes, token, runner, network) {
    const { github } = runner;
    const fail = (why) => ({
        reports: [],
        mistakes: [`test-results-artifact: ${why}; the message goes without it`]
    });
    if (github.event_name !== 'workflow_run') {
        return fail(`${name} is read from the run that triggered a workflow_run, and this run is a ${github.event_name || 'run of no event'}: in the job that ran the tests, give its reports to \`test-results\` instead`);
    }
    const subject = subjectRunOf(github);
    const [owner, repo] = github.repository.split('/');
    if (!subject || !owner || !repo)
        return fail(`${name}: the event names no triggering run`);
    if (token === '')
        return fail(`${name} cannot be read: github-token is empty`);
    const read = await readArtifact(name, subject, maxBytes, token, runner, network);
    if ('error' in read) {
        const permission = read.kind === 'auth'
            ? " Reading it takes the job's `permissions:` `actions: read`."
            : read.kind === 'not-found'
                ? ' Upload it with that name in the triggering run (actions/upload-artifact).'
                : '';
        return fail(`artifact ${name} of run ${subject.id}: GitHub ${read.error}.${permission}`);
    }
    if ('refused' in read)
        return fail(`artifact ${name} is refused: ${read.refused}`);
    const mistakes = read.tooLarge.map(path => `test-results-artifact: ${name}/${path} is larger than max-file-size (${maxBytes} bytes); the message goes without it`);
    if (read.reports.length === 0 && mistakes.length === 0) {
        mistakes.push(`test-results-artifact: artifact ${name} holds no JUnit XML, CTRF JSON or TAP report; the message goes without it`);
    }
    return { reports: read.reports, mistakes };
}
/**
 * The reports in `run`'s artifact `name`, each named `NAME/path/in/zip`: the zip at most
 * `maxBytes`, each report in it too, all of them together four times that. `createdBefore`: only
 * an artifact made by then (an earlier attempt's, not a re-run's own).
 */
async function readArtifact(name, run, maxBytes, token, runner, network) {
    const { github } = runner;
    const [owner = '', repo = ''] = github.repository.split('/');
    const { readArtifactZip } = await Promise.all(/* import() */[__nccwpck_require__.e(157), __nccwpck_require__.e(819)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1819));
    let zip;
    try {
        zip = await readArtifactZip({ apiUrl: github.api_url, owner, repo, runId: run.id, attempt: run.attempt, token }, name, maxBytes, {
            timeoutMs: LOOKUP_TIMEOUT_MS,
            userAgent: network.userAgent,
            annotations: false,
            proxy: network.proxy
        }, run.createdBefore);
    }
    catch (error) {
        const { kind, status } = error;
        return { error: describeGitHubError(error), kind, status };
    }
    const { reportsInZip } = await Promise.all(/* import() */[__nccwpck_require__.e(663), __nccwpck_require__.e(699)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1699));
    try {
        const found = await reportsInZip(zip, {
            maxEntryBytes: maxBytes,
            maxTotalBytes: ARTIFACT_TOTAL_FACTOR * maxBytes
        });
        return {
            reports: found.reports.map(report => ({ file: `${name}/${report.path}`, text: report.text })),
            tooLarge: found.tooLarge
        };
    }
    catch (error) {
        return { refused: (0,error_message/* errorMessage */.g)(error) };
    }
}
/** `tests-total`, `tests-failed`, `tests-flaky` and the JSON `test-results`. */
function setTestOutputs(value) {
    setOutput('tests-total', value.total);
    setOutput('tests-failed', value.failed);
    setOutput('tests-flaky', value.flaky);
    const { headline, failures, flaky_tests, ...counts } = value;
    setOutput('test-results', JSON.stringify({
        ...counts,
        headline,
        failures: failures.slice(0, OUTPUT_LISTED),
        flaky_tests: flaky_tests.slice(0, OUTPUT_LISTED)
    }));
}
/**
 * The full list of failures, when the message could not show them all, as a reply in the thread of
 * each message posted (token and basic modes), once per message. A webhook cannot reply in a thread: its room has the first failures
 * only, and a notice says so. A reply that fails is a warning: the alert itself went.
 */
async function replyWithFailures(text, shown, value, { results, destinations, sender, hooks, threadId }) {
    if (text === '' || value.failed <= shown)
        return;
    const parents = new Map();
    let webhook = false;
    for (const result of results) {
        if (result.file !== undefined || result.outcome !== 'delivered')
            continue;
        if (result.mode === 'webhook') {
            webhook = true;
            continue;
        }
        const parent = threadId ?? result.threadId ?? result.messageId;
        const destination = destinations[result.destination];
        if (parent === undefined || destination === undefined)
            continue;
        parents.set(`${result.destination}\u0000${parent}`, { destination, parent });
    }
    if (webhook && value.failed > shown) {
        core_notice(`test-results: a webhook cannot reply in a thread; its message lists the first ${shown} of ${value.failed} failures, the test-results output lists more`);
    }
    for (const { destination, parent } of parents.values()) {
        const replies = await (0,rocketchat/* deliver */.cK)([destination], { body: text, status: 'failure', threadId: parent }, { sender, hooks });
        for (const reply of replies) {
            if (reply.outcome === 'failed') {
                core_warning(`test-results: the list of failures was not posted in the thread of ${reply.target} (${destination.masked}): ${reply.error}`);
            }
        }
    }
}

;// CONCATENATED MODULE: ./src/action/previous-tests.ts
/*
 * With `notify-when` or `thread-key`, this run's failures against the previous run's reports: the
 * run `notify-when: changed` compares with (previous-run.ts), its reports read from its artifact
 * named as `test-results-artifact`, by the same code, limits and budget as this run's artifact.
 * Anything that keeps the comparison from being made is one notice, and the message says nothing
 * of new or already failing tests; it never holds the message back.
 */






const NOT_COMPARED = 'test-results: failures not compared with the previous run';
/**
 * The comparison of `current` (every report this run read) with the previous run's reports, when
 * `notify-when: changed` or `thread-key` asks for it and it can say something: this run has
 * failures, or the previous run failed (some may be fixed). `pastRuns` are the runs `notify-when`
 * read already; with `thread-key` alone they are read here. Returns what the summary lists as
 * left out, each said as a notice already.
 */
async function comparePreviousTests(current, settings, runner, network, pastRuns, budgetMs = LOOKUP_TIMEOUT_MS) {
    const leftOut = [];
    const none = { compared: undefined, leftOut };
    const comparing = settings.notifyWhen === 'changed' || settings.threadKey !== undefined;
    const notCompared = (why) => {
        const text = `${why}; the message says nothing of new or already failing tests.`;
        core_notice(text);
        leftOut.push(text);
        return none;
    };
    if (!comparing && settings.artifact !== '' && runner.github.event_name !== 'workflow_run') {
        return notCompared(`test-results-artifact: in the job that ran the tests, it names the artifact the previous run's reports are read from, with \`notify-when: changed\` or \`thread-key\`; neither is set`);
    }
    if (!comparing || current.length === 0)
        return none;
    if (settings.artifact === '') {
        return notCompared(`${NOT_COMPARED}: \`test-results-artifact\` names no artifact to read its reports from (upload them as one, and name it)`);
    }
    const subject = subjectRunOf(runner.github);
    const runs = settings.notifyWhen === 'changed'
        ? pastRuns
        : await readPreviousRuns(settings.token, runner, subject, network, AbortSignal.timeout(budgetMs), budgetMs, NOT_COMPARED);
    // Runs that could not be read were named in a notice by readPreviousRuns already.
    if (runs === undefined)
        return none;
    const previous = comparedRun(runs);
    // notify-when: changed said so already, in its own notice.
    if (!previous && settings.notifyWhen === 'changed')
        return none;
    if (!previous) {
        return notCompared(`${NOT_COMPARED}: there is no completed run like this one with a verdict (same workflow, event, head repository and branch)`);
    }
    const failedNow = current.some(report => report.cases.some(test => test.outcome === 'failed'));
    if (!failedNow && previous.verdict === 'success')
        return none;
    const { run } = previous;
    const against = `test-results: failures not compared with run #${run.number}`;
    // A re-run's previous attempt is the same run, whose artifacts are listed for every attempt
    // together: only one made before that attempt ended is its own (upload-artifact's `overwrite`
    // replaces it with this attempt's).
    const createdBefore = run.id === subject?.id ? (run.updatedAt ?? '') : undefined;
    const read = await readArtifact(settings.artifact, { ...run, createdBefore }, settings.maxFileSize, settings.token, runner, network);
    if ('error' in read) {
        const hint = read.status === 404
            ? ' (each run uploads its reports under that name for the next to compare with)'
            : read.kind === 'auth'
                ? " (reading it takes the job's `permissions:` `actions: read`)"
                : '';
        return notCompared(`${against}: GitHub ${read.error}${hint}`);
    }
    if ('refused' in read) {
        return notCompared(`${against}: its artifact ${settings.artifact} is refused: ${read.refused}`);
    }
    // A comparison with part of the previous reports would call old failures new: all or nothing.
    const [tooLarge] = read.tooLarge;
    if (tooLarge !== undefined) {
        return notCompared(`${against}: ${settings.artifact}/${tooLarge} is larger than max-file-size (${settings.maxFileSize} bytes)`);
    }
    if (read.reports.length === 0) {
        return notCompared(`${against}: its artifact ${settings.artifact} holds no JUnit XML, CTRF JSON or TAP report`);
    }
    const { readReport } = await __nccwpck_require__.e(/* import() */ 256).then(__nccwpck_require__.bind(__nccwpck_require__, 3256));
    const previousReports = [];
    for (const { file, text } of read.reports) {
        try {
            previousReports.push(await readReport(text));
        }
        catch (error) {
            return notCompared(`${against}: ${file} is refused: ${(0,error_message/* errorMessage */.g)(error)}`);
        }
    }
    const comparison = compareFailures(current.flatMap(report => report.cases), previousReports.flatMap(report => report.cases));
    return { compared: { comparison, run: { number: run.number, url: run.url } }, leftOut };
}

// EXTERNAL MODULE: ./src/template/buttons.ts
var template_buttons = __nccwpck_require__(5723);
// EXTERNAL MODULE: ./src/template/defaults.ts
var defaults = __nccwpck_require__(6922);
;// CONCATENATED MODULE: ./src/template/test-results-wording.ts
/**
 * What a message says about the tests (src/test-results/ reads the reports): a headline that reads
 * in a phone notification, the first failures with their place linked at the commit, the flaky
 * tests apart, and the full list for the message's thread. Every name, message and path is
 * untrusted text from a report: made inert (inert.ts) and bounded before it reaches a message.
 */




const test_results_wording_NAME_LENGTH = 150;
const test_results_wording_MESSAGE_LENGTH = 200;
/** A thread reply stays under Rocket.Chat's default message limit (5000) with room to spare. */
const REPLY_LENGTH = 4000;
function testResultsValue(summary, context, compared) {
    const value = (test) => ({
        suite: test.suite,
        name: test.name,
        message: test.message,
        file: test.file,
        line: test.line,
        flaky: test.flaky,
        url: blobUrl(context.github, test.file, test.line)
    });
    const failure = (test) => compared === undefined
        ? value(test)
        : { ...value(test), new: !compared.comparison.alreadyFailing.has(testIdentity(test)) };
    const duration = summary.duration_seconds === null ? '' : seconds(summary.duration_seconds);
    const comparedValues = compared && {
        new_failures: compared.comparison.newFailures,
        fixed: compared.comparison.fixed,
        compared_with: { number: compared.run.number, url: runUrl(context.github, compared.run.url) }
    };
    return {
        total: summary.total,
        passed: summary.passed,
        failed: summary.failed,
        skipped: summary.skipped,
        todo: summary.todo,
        flaky: summary.flaky,
        duration,
        duration_seconds: summary.duration_seconds,
        headline: headline(summary, duration, compared?.comparison),
        failures: summary.failures.map(failure),
        flaky_tests: summary.flaky_tests.map(value),
        reports: summary.reports,
        ...comparedValues
    };
}
/** With a comparison: `\u274c 3 failed (2 new) \u00b7 1,204 passed (1 fixed) \u00b7 \u2026`. */
function headline(summary, duration, comparison) {
    const newOnes = comparison ? ` (${grouped(comparison.newFailures)} new)` : '';
    const fixed = comparison && comparison.fixed > 0 ? ` (${grouped(comparison.fixed)} fixed)` : '';
    const parts = [
        summary.failed > 0 ? `${grouped(summary.failed)} failed${newOnes}` : '',
        `${grouped(summary.passed)} passed${fixed}`,
        summary.skipped > 0 ? `${grouped(summary.skipped)} skipped` : '',
        summary.todo > 0 ? `${grouped(summary.todo)} todo` : '',
        summary.flaky > 0 ? `${grouped(summary.flaky)} flaky` : '',
        duration
    ].filter(Boolean);
    return `${summary.failed > 0 ? '\u274c' : '\u2705'} ${parts.join(' \u00b7 ')}`;
}
/** A run's page from the API, only on this GitHub and with nothing that could end a link. */
function runUrl(github, url) {
    return url.startsWith(`${github.server_url}/`) && !/[\s<>|]/.test(url) ? url : '';
}
/**
 * A count with thousands grouped (`1,204`), as `toLocaleString('en-US')` writes it, without
 * loading ICU's number formats for it: most of 100 ms of a cold start.
 */
function grouped(count) {
    const digits = String(count);
    let text = digits.slice(0, digits.length % 3 || 3);
    for (let at = text.length; at < digits.length; at += 3)
        text += `,${digits.slice(at, at + 3)}`;
    return text;
}
/** Under ten seconds with a tenth (`1.9s`), then as the run's own durations (`4m 12s`). */
function seconds(value) {
    if (value < 10)
        return `${Math.round(value * 10) / 10}s`;
    return formatDuration(Math.round(value));
}
/**
 * The default message with the tests: the headline first, so a phone shows the counts, then the
 * default line; the first `shown` failures and the flaky tests in the attachment.
 */
function addTestResults(message, value, shown) {
    const lines = value.failures.slice(0, shown).map(test => `\u274c ${testLine(test)}`);
    const more = value.failed - Math.min(shown, value.failures.length);
    if (more > 0) {
        lines.push(`and ${grouped(more)} more failure(s), listed in the thread`);
    }
    const against = comparedLine(value);
    if (against)
        lines.push(against);
    if (value.flaky_tests.length > 0) {
        const named = value.flaky_tests.slice(0, Math.max(shown, 1)).map(test => testName(test));
        const rest = value.flaky - named.length;
        lines.push(`\ud83d\udd01 Flaky (passed on retry): ${named.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`);
    }
    const attachment = { ...message.attachment };
    const before = typeof attachment.text === 'string' && attachment.text ? [attachment.text] : [];
    if (lines.length > 0)
        attachment.text = [...lines, ...before].join('\n');
    return { text: `${value.headline}\n${message.text}`, attachment };
}
/**
 * Every failure, one a line, for a reply in the message's thread: cut before Rocket.Chat's limit,
 * with how many are left out. Empty when there is no failure.
 */
function failuresReply(value) {
    if (value.failed === 0)
        return '';
    const head = `${value.headline}\nAll ${grouped(value.failed)} failure(s):`;
    const lines = [];
    let length = head.length;
    for (const test of value.failures) {
        const line = `\u274c ${testLine(test)}`;
        if (length + line.length + 1 > REPLY_LENGTH - 80)
            break;
        lines.push(line);
        length += line.length + 1;
    }
    const rest = value.failed - lines.length;
    if (rest > 0)
        lines.push(`and ${grouped(rest)} more`);
    return [head, ...lines].join('\n');
}
/** `Compared with run #41: 2 new, 1 already failing, 1 fixed`, the run linked; empty without one. */
function comparedLine(value) {
    const run = value.compared_with;
    if (!run || value.new_failures === undefined)
        return '';
    const label = `run #${run.number}`;
    const already = value.failed - value.new_failures;
    const parts = [
        ...(value.failed > 0
            ? [`${grouped(value.new_failures)} new`, `${grouped(already)} already failing`]
            : []),
        ...(value.fixed ? [`${grouped(value.fixed)} fixed`] : [])
    ];
    if (parts.length === 0)
        return '';
    return `Compared with ${run.url ? (0,defaults/* link */.nf)(run.url, label) : label}: ${parts.join(', ')}`;
}
/**
 * `suite \u203a test (new): first message line \u00b7 file:line`, the place linked where it can be; `(new)`
 * or `(already failing)` only where the failures were compared.
 */
function testLine(test) {
    const message = test.message ? `: ${(0,inert/* inertText */.UJ)(bounded(test.message, test_results_wording_MESSAGE_LENGTH))}` : '';
    const where = test.file ? `${test.file}${test.line === null ? '' : `:${test.line}`}` : '';
    const place = where
        ? ` \u00b7 ${test.url ? (0,defaults/* link */.nf)(test.url, bounded(where, test_results_wording_NAME_LENGTH)) : (0,inert/* inertText */.UJ)(bounded(where, test_results_wording_NAME_LENGTH))}`
        : '';
    const mark = test.new === undefined ? '' : test.new ? ' (new)' : ' (already failing)';
    return `${testName(test)}${mark}${message}${place}`;
}
function testName(test) {
    const name = bounded(test.name, test_results_wording_NAME_LENGTH);
    return `**${(0,inert/* inertText */.UJ)(test.suite ? `${bounded(test.suite, test_results_wording_NAME_LENGTH)} \u203a ${name}` : name)}**`;
}
/**
 * `file` at `line` in the commit that was tested (on workflow_run, the triggering run's head), only
 * for a plain relative path with no `..`: an absolute or escaping one names nothing in the repository.
 */
function blobUrl(github, file, line) {
    const { server_url, repository } = github;
    const event = github.event;
    const run = github.event_name === 'workflow_run' ? event.workflow_run : undefined;
    const head = typeof run === 'object' && run !== null ? run.head_sha : undefined;
    const sha = typeof head === 'string' && head ? head : github.sha;
    if (!repository || !sha || !/^[0-9a-f]{7,64}$/i.test(sha))
        return '';
    const segments = file.split('/');
    if (file === '' || file.startsWith('/') || /^[A-Za-z]:/.test(file))
        return '';
    if (segments.some(part => part === '' || part === '.' || part === '..'))
        return '';
    const path = segments.map(encodeURIComponent).join('/');
    return `${server_url}/${repository}/blob/${sha}/${path}${line === null ? '' : `#L${line}`}`;
}
function bounded(text, max) {
    const line = text.replace(/\s+/g, ' ').trim();
    const chars = Array.from(line);
    return chars.length > max ? `${chars.slice(0, max - 1).join('')}\u2026` : line;
}

;// CONCATENATED MODULE: ./src/template/thread.ts

/** A custom title longer than this is cut: the root also carries the state, under 5000. */
const SUBJECT_LENGTH = 1000;
/**
 * The root's text for this run: the subject from the event (a pull request, a release, a deploy)
 * unless `title` (the rendered `thread-title`) is given, and the state: the status emoji first
 * (the thread compares it to tell a change), the workflow, a link to this run, the outcome. Every
 * value from the run or its event is inert.
 */
function threadRootText(context, status, title) {
    const given = title?.trim() ?? '';
    const subject = given ? cut(given) : subjectOf(context);
    return { subject, state: stateOf(context, status) };
}
function stateOf(context, status) {
    const { emoji, outcome } = (0,defaults/* statusLook */.cF)(status, context.job.conclusion);
    // On workflow_run, the run the thread hears about is the triggering one, as in the message.
    const subject = (0,defaults/* subjectRun */.SQ)(context);
    const label = subject.number ? `run #${subject.number}` : 'run';
    const run = subject.url ? (0,defaults/* link */.nf)(subject.url, label) : label;
    const workflow = (0,defaults/* inertTextFor */.f8)(context)(subject.workflow);
    return [emoji, 'Latest:', workflow, run, outcome].filter(Boolean).join(' ');
}
function subjectOf(context) {
    const { github } = context;
    const event = github.event;
    const t = (0,defaults/* inertTextFor */.f8)(context);
    switch (github.event_name) {
        case 'pull_request':
        case 'pull_request_target': {
            const pr = (0,defaults/* get */.Jt)(event, 'pull_request');
            const number = (0,defaults/* str */.gx)((0,defaults/* get */.Jt)(pr, 'number'));
            const url = (0,defaults/* str */.gx)((0,defaults/* get */.Jt)(pr, 'html_url'));
            const title = (0,defaults/* oneLine */.TN)((0,defaults/* str */.gx)((0,defaults/* get */.Jt)(pr, 'title')));
            const author = (0,defaults/* str */.gx)((0,defaults/* get */.Jt)(pr, 'user', 'login'));
            const label = `#${number}`;
            const named = `Pull request ${url ? (0,defaults/* link */.nf)(url, label) : t(label)}`;
            // `@login` in inert text is a link to the GitHub profile, never a mention.
            return `${named}${title ? `: ${t(title)}` : ''}${author ? ` by ${t(`@${author}`)}` : ''}`;
        }
        case 'release': {
            const release = (0,defaults/* get */.Jt)(event, 'release');
            const tag = (0,defaults/* str */.gx)((0,defaults/* get */.Jt)(release, 'tag_name')) || github.ref_name;
            const name = (0,defaults/* oneLine */.TN)((0,defaults/* str */.gx)((0,defaults/* get */.Jt)(release, 'name')));
            const url = (0,defaults/* str */.gx)((0,defaults/* get */.Jt)(release, 'html_url'));
            const named = name && name !== tag ? `: ${t(name)}` : '';
            return `Release ${url ? (0,defaults/* link */.nf)(url, tag) : t(tag)}${named} of ${t(github.repository)}`;
        }
        case 'deployment':
        case 'deployment_status': {
            const deployment = (0,defaults/* get */.Jt)(event, 'deployment');
            const sha = (0,defaults/* str */.gx)((0,defaults/* get */.Jt)(deployment, 'sha')) || github.sha;
            const environment = (0,defaults/* oneLine */.TN)((0,defaults/* str */.gx)((0,defaults/* get */.Jt)(deployment, 'environment')));
            const commit = (0,defaults/* commitValue */.H9)(context, { sha, message: '' });
            return `Deploy of ${commit || 'a commit'}${environment ? ` to ${t(environment)}` : ''} in ${t(github.repository)}`;
        }
        case 'workflow_run': {
            // The run the thread hears about is the triggering one: its branch, commit and pull request.
            const run = (0,defaults/* get */.Jt)(event, 'workflow_run');
            const base = (0,defaults/* str */.gx)((0,defaults/* get */.Jt)(run, 'repository', 'full_name')) || github.repository;
            const branch = (0,defaults/* forkLabel */.fH)((0,defaults/* str */.gx)((0,defaults/* get */.Jt)(run, 'head_repository', 'full_name')), base) +
                (0,defaults/* str */.gx)((0,defaults/* get */.Jt)(run, 'head_branch'));
            const commit = (0,defaults/* commitValue */.H9)(context, { sha: (0,defaults/* str */.gx)((0,defaults/* get */.Jt)(run, 'head_sha')), message: '' });
            const pulls = (0,defaults/* get */.Jt)(run, 'pull_requests');
            const pull = (0,defaults/* str */.gx)((0,defaults/* get */.Jt)(Array.isArray(pulls) ? pulls[0] : undefined, 'number'));
            const where = [
                branch ? ` on ${t(branch)}` : '',
                commit ? ` at ${commit}` : '',
                /^\d+$/.test(pull)
                    ? ` for ${(0,defaults/* link */.nf)(`${github.server_url}/${github.repository}/pull/${pull}`, `#${pull}`)}`
                    : ''
            ].join('');
            return `${t((0,defaults/* subjectRun */.SQ)(context).workflow)} in ${t(github.repository) || 'this repository'}${where}`;
        }
        default: {
            const ref = github.ref_name || github.ref;
            const commit = (0,defaults/* commitValue */.H9)(context, { sha: github.sha, message: '' });
            const where = [ref ? ` on ${t(ref)}` : '', commit ? ` at ${commit}` : ''].join('');
            return `${t((0,defaults/* subjectRun */.SQ)(context).workflow)} in ${t(github.repository) || 'this repository'}${where}`;
        }
    }
}
function cut(text) {
    const chars = Array.from(text);
    return chars.length > SUBJECT_LENGTH ? `${chars.slice(0, SUBJECT_LENGTH - 1).join('')}\u2026` : text;
}

;// CONCATENATED MODULE: ./src/template/notification.ts








/** No body: the status-aware default message. Decided here only; the run's details ask too. */
function isDefaultMessage(input) {
    return input.body.trim() === '';
}
/**
 * The message of this run: templates rendered over the workflow context, or the status-aware
 * default when there is no body; mentions added only on the statuses that call for them.
 */
async function composeNotification(input, context, hooks = {}) {
    // A deployment_status event is about the deployment: its state is the message's status. Only
    // those runs load its module.
    const deploys = context.github.event_name === 'deployment_status' || input.deploy !== undefined
        ? await __nccwpck_require__.e(/* import() */ 187).then(__nccwpck_require__.bind(__nccwpck_require__, 5187))
        : undefined;
    const deployment = deploys?.deploymentFromEvent(context);
    if (deploys && deployment) {
        context = { ...context, deployment };
        input = { ...input, status: deploys.deploymentStatus(deployment) };
    }
    const deployJob = deploys && !deployment && input.deploy !== undefined
        ? {
            environment: input.deploy,
            url: input.environmentUrl ?? '',
            result: input.deployEnded === true ? input.status : undefined
        }
        : undefined;
    const followed = deploys && deployJob ? deploys.deployJobMessage(context, deployJob) : undefined;
    if (deploys && deployJob) {
        context = { ...context, deployment: deploys.deploymentOfJob(context, deployJob) };
    }
    const templates = [
        input.title,
        input.body,
        input.attachments,
        input.alias,
        input.avatarUrl,
        input.threadKey,
        input.threadTitle,
        input.buttons || undefined
    ];
    const pasted = input.filledIn ?? pastedIn(templates, context);
    const markdown = await markdownFor(input, context, pasted);
    const render = await rendererFor(templates, input, context, { markdown, pasted, hooks });
    let body;
    let attachments;
    // The attachment that carries the link buttons: the status one, unless `attachments` replaces it.
    let statusCard;
    if (isDefaultMessage(input) && followed) {
        body = followed.text(undefined);
        statusCard = followed.attachment;
    }
    else if (isDefaultMessage(input) && deploys && deployment) {
        const fallback = deploys.deploymentMessage(context, deployment);
        body = fallback.text;
        statusCard = fallback.attachment;
    }
    else if (isDefaultMessage(input)) {
        let fallback = (0,defaults/* defaultMessage */.zD)(context, input.status, markdown);
        if (context.run_details)
            fallback = addRunDetails(fallback, context.run_details, input.status);
        if (context.previous_run)
            fallback = (0,defaults/* addChange */.qI)(fallback, context.previous_run, context);
        if (context.test_results) {
            fallback = addTestResults(fallback, context.test_results, input.testFailuresShown ?? 5);
        }
        body = fallback.text;
        statusCard = fallback.attachment;
    }
    else {
        body = render(input.body, 'body');
        // A custom body keeps what the default message says by its colour and link: the status.
        if (input.statusAttachment !== false)
            statusCard = (0,defaults/* statusAttachment */.cc)(context, input.status);
    }
    if (statusCard)
        attachments = [statusCard];
    if (input.attachments.trim() !== '') {
        const { parseAttachments } = await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(228)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7228));
        // A thrown error already names the attachment's path; a reported one is named by it.
        const name = (path) => (hooks.error ? path : '');
        try {
            attachments = parseAttachments(input.attachments, (template, path) => render(template, name(path), isPlainKey(path) ? 'plain' : 'markdown'), hooks.warn);
        }
        catch (error) {
            // Attachments that cannot be read are left out; the message itself still goes.
            if (!hooks.error || !(error instanceof Error))
                throw error;
            hooks.error(`${error.message}; the message is sent without these attachments`);
        }
        statusCard = undefined;
    }
    if (input.buttons !== false) {
        attachments = await withButtons(attachments, statusCard, input.buttons ?? '', context, {
            render,
            hooks
        });
    }
    // A run with no verdict (skipped, waiting for approval) calls for no one, whatever mention-on says.
    const calls = input.mentionOn.includes(input.status) && !(0,conclusions/* isNoVerdict */.fM)(context.job.conclusion);
    if (input.mention.length > 0 && calls) {
        const mentions = input.mention.map(name => (name.startsWith('@') ? name : `@${name}`));
        body = `${mentions.join(' ')} ${body}`;
    }
    const message = { title: render(input.title, 'title'), body, status: input.status };
    if (attachments)
        message.attachments = attachments;
    if (input.alias !== undefined)
        message.alias = render(input.alias, 'alias', 'plain');
    if (input.emoji !== undefined)
        message.emoji = input.emoji;
    if (input.avatarUrl !== undefined)
        message.avatarUrl = render(input.avatarUrl, 'avatar-url', 'plain');
    if (input.thread !== undefined)
        message.threadId = input.thread;
    if (input.update !== undefined)
        message.updateId = input.update;
    if (input.threadKey !== undefined)
        keyThread(message, input, context, render, hooks);
    else if (input.thread === undefined && input.update === undefined) {
        if (deploys && deployment)
            message.threadKey = deploys.deploymentThread(context, deployment);
        // A custom body is the deploy's text at every step; the default follows the deploy.
        if (followed) {
            message.threadKey = isDefaultMessage(input)
                ? followed.thread
                : { ...followed.thread, inPlace: () => body };
        }
    }
    return message;
}
/**
 * The link buttons (buttons.ts): the defaults and the input's on the status attachment; without
 * one (a custom body with `status-attachment: false`, or `attachments`), the input's buttons come
 * in an attachment of their own and the defaults are left out with the status they go with.
 */
async function withButtons(attachments, statusCard, source, context, { render, hooks }) {
    const mistake = (text) => {
        if (!hooks.error)
            throw new Error(text);
        hooks.error(text);
    };
    const given = source.trim() === ''
        ? []
        : await (0,template_buttons/* parseButtons */.jN)(source, (template, path) => render(template, hooks.error ? path : '', 'plain'), mistake);
    if (statusCard) {
        const buttons = (0,template_buttons/* mergeButtons */.IB)((0,template_buttons/* defaultButtons */.Bp)(context), given);
        if (buttons.length > 0)
            statusCard.actions = buttons;
        return attachments;
    }
    if (given.length === 0)
        return attachments;
    return [...(attachments ?? []), { actions: given }];
}
/**
 * The keyed thread of this message. A key that renders empty, or holds an expression that renders
 * empty or null (`pr-{{ github.event.pull_request.number }}` on a push renders `pr-`, one thread
 * for every push), is a mistake: the message goes outside any thread. A key that fails leaves it
 * outside too, and a failing title leaves the event's subject: the alert still goes. Keys are
 * compared in Unicode NFC, so `caf\u00e9` typed either way is one thread.
 */
function keyThread(message, input, context, render, hooks) {
    const { warn } = hooks;
    const mistake = hooks.error ?? warn;
    const template = input.threadKey ?? '';
    let key;
    let empty;
    try {
        key = render(template, 'thread-key', 'plain').trim().normalize('NFC');
        empty = expressionsIn(template).filter(expression => render(expression, 'thread-key', 'plain').trim() === '');
    }
    catch (error) {
        warn?.(`${error.message}; the message is posted outside any thread`);
        return;
    }
    if (key === '') {
        mistake?.('thread-key rendered empty; the message is posted outside any thread');
        return;
    }
    if (empty.length > 0) {
        mistake?.(`thread-key: ${empty.join(', ')} rendered empty, so the key ${JSON.stringify(key)} would ` +
            'put unrelated runs in one thread; the message is posted outside any thread');
        return;
    }
    let title;
    try {
        if (input.threadTitle !== undefined)
            title = render(input.threadTitle, 'thread-title');
    }
    catch (error) {
        warn?.(`${error.message}; the thread's root shows the event instead`);
    }
    const root = threadRootText(context, input.status, title);
    message.threadKey = { key, ...root, broadcast: input.threadBroadcast ?? 'changed' };
}
/** The `{{ }}` and `${{ }}` spans of a template, found by one scan (linear: no regex). */
function expressionsIn(template) {
    const found = [];
    let at = template.indexOf('{{');
    while (at !== -1) {
        const end = template.indexOf('}}', at + 2);
        if (end === -1)
            break;
        const start = at > 0 && template.charAt(at - 1) === '$' ? at - 1 : at;
        found.push(template.slice(start, end + 2));
        at = template.indexOf('{{', end + 2);
    }
    return found;
}
/**
 * Attachment keys Rocket.Chat shows as they are (titles, names) or that hold a URL, a colour or a
 * type: values go in as they are, only room-wide mentions defused. `text`, `pretext` and field
 * values are markdown: values go in as inert text.
 */
function isPlainKey(path) {
    const name = path.replace(/\[\d+\]$/, '');
    let start = name.length;
    while (start > 0 && /[A-Za-z_]/.test(name.charAt(start - 1)))
        start--;
    const key = name.slice(start);
    return /(?:^|_)(?:url|link|icon|color|type|ts|dimensions|title|name)$/.test(key);
}
/**
 * GitHub's expression library is loaded only when a template uses `{{ }}` or `${{ }}`: most runs
 * do not, and every cold start pays for what it loads.
 */
async function rendererFor(templates, input, context, { markdown, pasted, hooks }) {
    if (!pasted && !templates.some(template => template?.includes('{{')))
        return template => template;
    const { renderTemplate } = await Promise.all(/* import() */[__nccwpck_require__.e(438), __nccwpck_require__.e(608)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8608));
    const links = (0,inert/* githubLinks */.Rj)(context);
    let noticed = false;
    return (template, inputName, as) => {
        const options = as === 'plain' ? { as } : {};
        if (inputName)
            options.input = inputName;
        if (markdown)
            options.markdown = markdown;
        if (hooks.error)
            options.onError = hooks.error;
        if (hooks.warn)
            options.onWarning = hooks.warn;
        // Only the body-file is read by the action alone; inline, env is the runner's (README).
        options.env = inputName === 'body' && input.bodyFromFile === true;
        const spans = pasted?.spansIn(template) ?? [];
        if (spans.length > 0) {
            options.pasted = spans;
            // Said of the first filled-in text that would have acted: `${{ github.sha }}` never does.
            const acting = noticed ? undefined : spans.find(span => wouldAct(template, span, links));
            if (acting) {
                noticed = true;
                hooks.notice?.(pastedNotice(inputName || 'attachments', acting));
            }
        }
        return renderTemplate(template, context, options);
    };
}
/**
 * Event text the runner pasted into the inputs (pasted.ts), looked for only when an input holds
 * something that could act: a plain send pays one regex test per input.
 */
function pastedIn(templates, context) {
    const texts = templates.filter((text) => text !== undefined && text !== '');
    if (!texts.some(couldAct))
        return undefined;
    return pastedFinder(context.github.event, texts, (0,inert/* githubLinks */.Rj)(context));
}
/** Whether text filled in at `span` would have acted, had it been taken for the author's. */
function wouldAct(template, { start, end }, links) {
    const text = template.slice(start, end);
    return couldAct(text) && (text.includes('{{') || (0,inert/* inertText */.UJ)(text, links) !== text);
}
/** The contexts the action itself reads in `{{ }}`, inline (not `env`: README, "Where env is read"). */
const ACTION_CONTEXT = /^(?:github|job|runner)\b/;
function pastedNotice(input, { path, markdown, written }) {
    const filled = written ?? `\${{ ${path} }}`;
    const said = `${input}: the runner filled in ${filled} before the action started; it is sent as ` +
        'text, never evaluated, and cannot mention anyone.';
    if (written !== undefined && !ACTION_CONTEXT.test(path)) {
        return (`${said} To keep it a value the action inserts, pass it to the step as env: ` +
            `(NAME: ${filled}) and write {{ env.NAME }} in a body-file, the one template that reads env.`);
    }
    const instead = markdown ? `{{ markdown(${path}) }}` : `{{ ${path} }}`;
    return (`${said} Write ${instead} instead: the action then inserts it as a value, and nothing in it ` +
        'is mistaken for your own words.');
}
/**
 * The GitHub markdown converter, loaded only when a template calls `markdown()`, the default
 * message announces a release with notes, or a markdown body was pasted in.
 */
async function markdownFor(input, context, pasted) {
    const templates = [input.title, input.body, input.attachments];
    const called = templates.some(template => /\bmarkdown\s*\(/i.test(template));
    const release = context.github.event.release;
    const notes = isDefaultMessage(input) &&
        typeof release === 'object' &&
        release !== null &&
        typeof release.body === 'string';
    if (!called && !notes && pasted?.markdown !== true)
        return undefined;
    const { githubToRocketChat } = await __nccwpck_require__.e(/* import() */ 313).then(__nccwpck_require__.bind(__nccwpck_require__, 1313));
    return githubToRocketChat;
}

// EXTERNAL MODULE: ./src/template/workflow-context.ts
var workflow_context = __nccwpck_require__(4267);
;// CONCATENATED MODULE: ./src/github/people.ts
class UserMapError extends Error {
    name = 'UserMapError';
}
/** A GitHub login: up to 39 letters, digits and hyphens, not starting with a hyphen (a bot's ends in `[bot]`). */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;
/** Rocket.Chat's default username rule (UTF8_User_Names_Validation: [0-9a-zA-Z-_.]+). */
const USERNAME = /^[\w.-]+$/;
/** Names Rocket.Chat reads as the whole room: `@all`, `@here`, and `@channel` on older servers. */
const ROOM_WIDE = /^(?:all|here|channel)$/i;
/**
 * `user-map` as parsed YAML or JSON: `{ octocat: alice, hubot: bob }`. Logins are matched without
 * regard to case, as GitHub does; a Rocket.Chat username may be written with its `@`. An entry that
 * could not be right (not a login, not a username, or a name that pings the whole room) is left
 * out with a warning naming it; the rest still counts. Linear in the number of entries.
 */
function toUserMap(parsed) {
    const users = new Map();
    const warnings = [];
    if (parsed === null || parsed === undefined || parsed === '')
        return { users, warnings };
    if (typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new UserMapError('user-map must map GitHub logins to Rocket.Chat usernames: login: username');
    }
    for (const [login, value] of Object.entries(parsed)) {
        const username = typeof value === 'string' ? value.trim().replace(/^@/, '') : '';
        const problem = !LOGIN.test(login)
            ? 'is not a GitHub login'
            : ROOM_WIDE.test(username)
                ? `maps to @${username}, which would notify the whole room`
                : !USERNAME.test(username)
                    ? 'does not map to a Rocket.Chat username (letters, digits, `.`, `_` and `-`)'
                    : undefined;
        if (problem) {
            warnings.push(`user-map: ${JSON.stringify(login)} ${problem}; it is left out`);
        }
        else if (users.has(login.toLowerCase())) {
            warnings.push(`user-map: ${login} is mapped twice; the last one counts`);
            users.set(login.toLowerCase(), username);
        }
        else
            users.set(login.toLowerCase(), username);
    }
    return { users, warnings };
}
/** The logins behind this run, in this order: the actor, the commit's author, the PR's author. */
function authorLogins(github) {
    const event = github.event;
    const logins = [
        github.actor,
        github.triggering_actor,
        people_text(get(event, 'head_commit', 'author', 'username')),
        people_text(get(event, 'pull_request', 'user', 'login')),
        people_text(get(event, 'workflow_run', 'actor', 'login')),
        people_text(get(event, 'workflow_run', 'head_commit', 'author', 'username'))
    ];
    return [...new Set(logins.filter(login => LOGIN.test(login)).map(l => l.toLowerCase()))];
}
/** The Rocket.Chat usernames of the mapped authors; an unmapped login is left out, never guessed. */
function mappedAuthors(github, userMap) {
    const usernames = authorLogins(github).flatMap(login => userMap.get(login) ?? []);
    return [...new Set(usernames)];
}
function get(value, ...path) {
    let current = value;
    for (const key of path) {
        if (typeof current !== 'object' || current === null)
            return undefined;
        current = current[key];
    }
    return current;
}
function people_text(value) {
    return typeof value === 'string' ? value : '';
}

;// CONCATENATED MODULE: ./src/action/user-map.ts
/*
 * `mention: author`: the run's GitHub people (actor, commit author, PR author) as the Rocket.Chat
 * users `user-map` names. An unmapped login is never mentioned, and never silently dropped: a
 * notice names the logins that could not be mapped.
 */



const AUTHOR = /^@?author$/i;
/** `author` in `mention` stands for the mapped actor, commit author and PR author, if any. */
async function resolveAuthors(mention, userMapText, github) {
    const asked = mention.some(name => AUTHOR.test(name));
    if (userMapText.trim() === '' && !asked)
        return mention;
    const userMap = await parseUserMap(userMapText);
    const authors = mappedAuthors(github, userMap);
    if (asked && authors.length === 0) {
        const logins = authorLogins(github);
        core_notice(logins.length === 0
            ? 'mention: author: the event names no GitHub login; no author is mentioned.'
            : `mention: author: user-map maps none of ${logins.join(', ')}; no author is mentioned. ` +
                'Add them to user-map as `login: rocketchat-username`.');
    }
    return [...new Set(mention.flatMap(name => (AUTHOR.test(name) ? authors : name)))];
}
/** A user-map larger than this is read up to its last whole line within it, with a warning. */
const MAX_USER_MAP_BYTES = 256 * 1024;
/** A user-map that cannot be read mentions no author, said in a warning: the alert still goes. */
async function parseUserMap(text) {
    if (text.trim() === '')
        return new Map();
    try {
        const { users, warnings } = toUserMap(await parseMapText(text));
        for (const warning of warnings)
            core_warning(warning);
        return users;
    }
    catch (error) {
        const problem = error instanceof UserMapError
            ? error.message
            : `user-map is neither YAML nor JSON (${(0,error_message/* errorMessage */.g)(error)})`;
        core_warning(`${problem}; no author is mentioned`);
        return new Map();
    }
}
/**
 * YAML or JSON text, in time linear in its size: JSON by JSON.parse, YAML without its check for
 * repeated keys (quadratic: 34 s for 60,000 keys; toUserMap finds them), and at most 256 KiB of it.
 */
async function parseMapText(text) {
    if (text.trimStart().startsWith('{')) {
        try {
            return JSON.parse(text);
        }
        catch {
            // YAML's flow style (`{octocat: alice}`) is not JSON.
        }
    }
    let source = text;
    if (Buffer.byteLength(text) > MAX_USER_MAP_BYTES) {
        const head = Buffer.from(text).subarray(0, MAX_USER_MAP_BYTES).toString();
        source = head.slice(0, Math.max(0, head.lastIndexOf('\n')));
        core_warning(`user-map is ${String(Math.ceil(Buffer.byteLength(text) / 1024))} KiB; ` +
            `only its first ${String(MAX_USER_MAP_BYTES / 1024)} KiB are read`);
    }
    // YAML is a superset of JSON: one parser reads both; it is loaded only by runs with a user-map.
    const { parse } = await __nccwpck_require__.e(/* import() */ 815).then(__nccwpck_require__.t.bind(__nccwpck_require__, 8815, 19));
    return parse(source, { uniqueKeys: false });
}

;// CONCATENATED MODULE: ./src/action/run-lookup.ts










/**
 * The run's part in the message: the status (`auto` decided here, once), the jobs (from the API or
 * `needs`) when the message needs them, the previous run for `notify-when: changed`, and `mention:
 * author` as mapped Rocket.Chat users. A success with the default message and no `notify-when`
 * costs no API call; a `notify-when: changed` run whose status is known reads the runs list first,
 * and nothing more when it sends nothing.
 */
async function withRunDetails(input, runner, network, 
// A parameter so that tests of a silent API wait milliseconds, not the real budget.
budgetMs = LOOKUP_TIMEOUT_MS) {
    const settings = input.runDetails;
    const subject = subjectRunOf(runner.github);
    const leftOut = [];
    const note = (text) => {
        core_notice(text);
        leftOut.push(text);
    };
    // One budget for every request of the lookup.
    const deadline = AbortSignal.timeout(budgetMs);
    const comparing = settings.notifyWhen === 'changed';
    const known = knownStatus(input, subject);
    const conclusion = input.status === 'auto' ? subject?.conclusion : input.conclusion;
    const pastRuns = comparing && known !== undefined
        ? await readPreviousRuns(settings.token, runner, subject, network, deadline, budgetMs)
        : undefined;
    const early = pastRuns && known !== undefined ? compare(known, pastRuns) : undefined;
    if (known !== undefined && early?.change === 'unchanged') {
        const context = {
            ...runner,
            job: jobOf(known, conclusion),
            previous_run: early
        };
        return {
            input: { ...input, status: known, conclusion },
            context,
            unchanged: unchangedReason(known, early),
            stepLogs: [],
            leftOut,
            pastRuns
        };
    }
    const needed = neededDetails(input, subject);
    // A status still to be learnt from the jobs: the runs list is read beside them.
    const [details, laterRuns] = await Promise.all([
        needed === 'none'
            ? undefined
            : readDetails(input, runner, subject, needed, { network, deadline, budgetMs }, note),
        comparing && known === undefined
            ? readPreviousRuns(settings.token, runner, subject, network, deadline, budgetMs)
            : undefined
    ]);
    const runStatus = known ?? (details ? (0,jobs/* deriveStatus */.YP)(details.jobs) : undefined);
    // status: auto with a run that cannot be read: the neutral info, never a guess.
    const status = runStatus ?? 'info';
    const context = { ...runner, job: jobOf(status, conclusion) };
    if (details) {
        context[workflow_context/* RUN_DETAILS_CONTEXT */.h] = runDetailsValue(details, runner.github, input.status === 'auto', subjectStatus(subject) ?? (0,jobs/* deriveStatus */.YP)(details.jobs));
    }
    const previous = early ?? (laterRuns ? compare(status, laterRuns) : undefined);
    if (previous)
        context.previous_run = previous;
    const mention = await resolveAuthors(input.mention, settings.userMap, runner.github);
    return {
        input: { ...input, status, conclusion, mention },
        context,
        unchanged: previous?.change === 'unchanged' ? unchangedReason(status, previous) : undefined,
        stepLogs: (details?.jobs ?? []).flatMap(job => job.stepLog === undefined
            ? []
            : [{ job: job.name, step: job.failedStep?.number, text: job.stepLog }]),
        leftOut,
        pastRuns: pastRuns ?? laterRuns
    };
}
function jobOf(status, conclusion) {
    return conclusion === undefined ? { status } : { status, conclusion };
}
function subjectStatus(subject) {
    return subject?.conclusion && conclusions/* CONCLUSION_STATUS */.HT[subject.conclusion];
}
/**
 * What the message needs of the run: nothing, the jobs, or the jobs with their errors and logs (a
 * second round of requests). The default message shows errors on failure, which `status: auto`
 * learns from the jobs unless the triggering run's conclusion tells it; a template needs them when
 * it reads annotations, logs or the summary.
 */
function neededDetails(input, subject) {
    const templates = [input.title, input.body, input.attachments].filter(template => template.includes(workflow_context/* RUN_DETAILS_CONTEXT */.h));
    const known = knownStatus(input, subject);
    if (isDefaultMessage(input) && (known === undefined || known === 'failure'))
        return 'errors';
    if (templates.some(template => /\b(annotations|summary)\b|\.log\b/.test(template)))
        return 'errors';
    if (known === undefined || input.runDetails.needs !== undefined || templates.length > 0)
        return 'jobs';
    if (attachesLog(input, subject))
        return 'jobs';
    return 'none';
}
/** The status the message will have, if known before reading the jobs. */
function knownStatus(input, subject) {
    return input.status === 'auto' ? subjectStatus(subject) : input.status;
}
/** `attach-log` reads the failing step's log only for a failure (or a status still to be learnt). */
function attachesLog(input, subject) {
    const known = knownStatus(input, subject);
    return input.runDetails.attachLog && (known === undefined || known === 'failure');
}
async function readDetails(input, runner, subject, needed, how, leftOut) {
    const { network, deadline, budgetMs } = how;
    const settings = input.runDetails;
    if (settings.needs !== undefined) {
        if (attachesLog(input, subject)) {
            leftOut('Log file left out: the jobs come from `needs`, which holds no logs; reading a log ' +
                "takes the API (the job's `permissions:` `actions: read`) instead of `needs`.");
        }
        return { jobs: settings.needs, annotations: [], source: 'needs' };
    }
    const { github } = runner;
    const [owner, repo] = github.repository.split('/');
    if (!owner || !repo || !subject)
        return undefined;
    if (settings.token === '') {
        leftOut(`Run details left out: github-token is empty. ${PERMISSIONS}`);
        return undefined;
    }
    try {
        // Octokit is loaded here only: a run that needs no details never pays for it.
        const { readRun } = await Promise.all(/* import() */[__nccwpck_require__.e(157), __nccwpck_require__.e(819)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1819));
        const logLines = needed === 'errors' ? settings.logLines : 0;
        const stepLogs = attachesLog(input, subject);
        // What a log read gives the message: its quote, its file (attach-log) or both.
        const logWords = logLines > 0 && stepLogs ? 'Log excerpt and file' : stepLogs ? 'Log file' : 'Log excerpt';
        const lookup = await readRun({
            apiUrl: github.api_url,
            owner,
            repo,
            runId: subject.id,
            attempt: subject.attempt,
            token: settings.token
        }, {
            timeoutMs: budgetMs,
            deadline,
            userAgent: network.userAgent,
            annotations: needed === 'errors',
            logLines,
            stepLogs,
            proxy: network.proxy
        });
        if (lookup.annotationsError) {
            leftOut(`Error annotations left out: GitHub ${describeGitHubError(lookup.annotationsError)}. ` +
                (permissionDenied(lookup.annotationsError)
                    ? "Reading them takes the job's `permissions:` `checks: read`."
                    : 'The message is sent without them.'));
        }
        if (lookup.logsError) {
            leftOut(`${logWords} left out: GitHub ${describeGitHubError(lookup.logsError)}. ` +
                (permissionDenied(lookup.logsError)
                    ? "Reading a job's log takes the job's `permissions:` `actions: read`."
                    : 'The message is sent without it.'));
        }
        for (const name of lookup.unfinished ?? []) {
            leftOut(`${logWords} of ${JSON.stringify(name)} left out: the job is still running, and a log is ` +
                'read once its job has finished (from a summary job with `needs`, or on `workflow_run`).');
        }
        // Our own secrets never leave in a quote, whatever a step printed (GitHub masks only its own).
        for (const job of lookup.details.jobs) {
            if (job.log !== undefined)
                job.log = (0,redact/* redact */.E)(job.log, input.secrets);
            if (job.stepLog !== undefined)
                job.stepLog = (0,redact/* redact */.E)(job.stepLog, input.secrets);
        }
        return lookup.details;
    }
    catch (error) {
        // Permission advice only where permissions are the cause: a timeout is not fixed by `actions: read`.
        leftOut(`Run details left out: GitHub ${describeGitHubError(error)}. ` +
            (permissionDenied(error) ? PERMISSIONS : 'The message is sent without them.'));
        return undefined;
    }
}
/** 401, 403 and 404 (how GitHub hides what a token may not read): a matter of permissions. */
function permissionDenied(error) {
    const { kind } = error;
    return kind === 'auth' || kind === 'not-found';
}
const PERMISSIONS = "The message is sent without them. Reading them takes the job's `permissions:` " +
    '`actions: read` (and `checks: read` for error annotations), or `needs: ${{ toJSON(needs) }}`.';

;// CONCATENATED MODULE: ./src/main.ts
















/** One run: inputs -> context -> message -> delivery -> report. */
async function run() {
    // Every secret known so far, login tokens included, grows as the run learns them.
    const secrets = [];
    // What the message went without, and why: the summary lists it, even for a run stopped later.
    let leftOut = [];
    // Whether the run's outputs were written (or begun): a later error must not overwrite them.
    let reported = false;
    const remember = (secret) => {
        setSecret(secret);
        secrets.push(secret);
    };
    try {
        // A password in a proxy URL or GITHUB_API_URL is masked before anything can print it.
        credentialsInEnvironment(process.env).forEach(remember);
        const settings = readSettings(core_namespaceObject);
        secrets.push(...settings.secrets);
        // A mistake in the workflow is an error, but the alert still goes; the step fails after it.
        const mistakes = [...settings.mistakes];
        for (const mistake of mistakes)
            error((0,redact/* redact */.E)(mistake, secrets));
        // Proxy, user agent and deadline, decided once for every request of the run.
        const network = networkFromEnvironment(process.env);
        // Which text the runner filled in, from the workflow file: read beside the run's details.
        const authorsRead = readAuthorsWords(settings, settings.runDetails.token, process.env, network);
        // The status, what failed, where, and who should look: read from the run (on workflow_run,
        // the triggering one) only when the message needs it.
        // The runner's context, the event file parsed once for every part of the run that reads it.
        const runner = readRunnerContext(process.env);
        const details = await withRunDetails(settings, runner, network);
        const { input, context, unchanged, stepLogs } = details;
        leftOut = details.leftOut;
        if (unchanged !== undefined) {
            reported = true;
            await reportUnchanged(unchanged, settings.destinations);
            return;
        }
        // Only the author's own words act.
        const authors = await authorsRead;
        if (authors && 'unknown' in authors) {
            core_notice((0,redact/* redact */.E)(`The workflow file could not be read: ${authors.unknown}; event text found in the inputs is sent as text instead, and text from elsewhere (a step output) may still act`, secrets));
        }
        const filledIn = authors && 'filledIn' in authors ? { filledIn: authors.filledIn } : {};
        // Test reports: their counts and first failures go in the message; one that cannot be read is
        // a mistake, never a reason to keep the alert back.
        if (settings.testResults.length > 0 || settings.testResultsArtifact !== '') {
            // In the job that ran the tests, the artifact is where the next run finds its reports.
            const artifact = settings.testResultsArtifact === '' ||
                (runner.github.event_name !== 'workflow_run' && settings.testResults.length > 0)
                ? undefined
                : await readTestArtifact(settings.testResultsArtifact, settings.maxFileSize, settings.runDetails.token, runner, network);
            const tests = await readTestResults(settings.testResults, settings.maxFileSize, warning => {
                core_warning(warning);
            }, undefined, artifact);
            for (const mistake of tests.mistakes)
                error((0,redact/* redact */.E)(mistake, secrets));
            mistakes.push(...tests.mistakes);
            // With notify-when or thread-key: which failures are new since the previous run.
            const previous = tests.summary
                ? await comparePreviousTests(tests.reports, {
                    artifact: settings.testResultsArtifact,
                    maxFileSize: settings.maxFileSize,
                    token: settings.runDetails.token,
                    notifyWhen: settings.runDetails.notifyWhen,
                    threadKey: settings.threadKey
                }, runner, network, details.pastRuns)
                : undefined;
            leftOut.push(...(previous?.leftOut ?? []));
            if (tests.summary) {
                context.test_results = testResultsValue(tests.summary, context, previous?.compared);
            }
        }
        const message = await composeNotification({ ...input, ...filledIn }, context, {
            warn: warning => {
                core_warning(warning);
            },
            notice: notice => {
                core_notice(notice);
            },
            error: mistake => {
                error((0,redact/* redact */.E)(mistake, secrets));
                mistakes.push(mistake);
            }
        });
        if (message.threadKey?.implicit === true) {
            for (const destination of settings.destinations.filter(d => d.mode === 'webhook')) {
                core_notice(`${destination.masked}: a webhook cannot keep one thread per deployment nor find a ` +
                    "deploy's message again (it cannot choose message ids), so it gets one message per " +
                    'deployment status or deploy step; token or basic mode follows each deploy in one place');
            }
        }
        const sender = settings.dryRun
            ? new rocketchat/* DryRun */.jA(secrets)
            : new rocketchat/* Transport */.oK({
                timeout: settings.timeout,
                retries: settings.retries,
                signal: AbortSignal.timeout(network.deadlineMs),
                userAgent: network.userAgent,
                proxy: network.proxy,
                ...(settings.caCert ? { caCert: withExtraCaCerts(settings.caCert, process.env) } : {})
            });
        const hooks = {
            onSecret: remember,
            onWarning: (warning) => {
                core_warning(warning);
            }
        };
        // Files to send after the message, held open from the check to the upload, then the failing
        // steps' logs (attach-log); a bad one is a failed result of its own, never a reason to keep
        // the message back.
        const files = withLogFiles(await openFiles(settings.files, settings.maxFileSize, hooks.onWarning), stepLogs, settings.maxFileSize);
        try {
            const delivered = await (0,rocketchat/* deliver */.cK)(settings.destinations, message, {
                sender,
                hooks,
                maxPosts: settings.maxPosts,
                files: files.toSend
            });
            const results = withFileProblems(delivered, files.problems);
            if (context.test_results) {
                setTestOutputs(context.test_results);
                await replyWithFailures(failuresReply(context.test_results), settings.testFailuresShown, context.test_results, {
                    results,
                    destinations: settings.destinations,
                    sender,
                    hooks,
                    threadId: message.threadId
                });
            }
            reported = true;
            await report({
                results,
                destinations: settings.destinations,
                message,
                plan: sender.plan,
                failOnError: settings.failOnError,
                secrets,
                mistakes,
                leftOut
            });
            if (mistakes.length > 0 && settings.failOnError) {
                setFailed(`${mistakes.length} mistake(s) in the step's inputs, reported above; the message was not held back for them`);
            }
        }
        finally {
            files.close();
            await sender.close();
        }
    }
    catch (error) {
        // The runner masks what setSecret was told; this also covers a failure's own words.
        const why = (0,redact/* redact */.E)((0,error_message/* errorMessage */.g)(error), secrets);
        setFailed(why);
        // Outputs and the summary say why too, unless the results were reported already.
        if (!reported)
            await reportStopped(why, secrets, leftOut);
    }
}


/***/ }),

/***/ 1792:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  WY: () => (/* reexport */ AttemptFailure),
  u8: () => (/* reexport */ DEFAULT_DEADLINE_MS),
  qx: () => (/* reexport */ DEFAULT_USER_AGENT),
  jA: () => (/* reexport */ DryRun),
  b1: () => (/* reexport */ MAX_POSTS),
  H8: () => (/* reexport */ RocketChatError),
  oK: () => (/* reexport */ Transport),
  gT: () => (/* reexport */ checkProxySettings),
  SM: () => (/* reexport */ createDispatcher),
  cK: () => (/* reexport */ deliver),
  cv: () => (/* reexport */ exchange),
  Nu: () => (/* reexport */ fileFromBuffer),
  bg: () => (/* reexport */ parseRocketUrls),
  iJ: () => (/* reexport */ proxyFor)
});

// UNUSED EXPORTS: compose, parse, threadRootId

// EXTERNAL MODULE: ./src/shared/redact.ts
var redact = __nccwpck_require__(8932);
;// CONCATENATED MODULE: ./src/rocketchat/message.ts
/**
 * Title, body and options -> the Rocket.Chat post(s) to send: Apprise's composition of the text
 * (docs/apprise-url.md 2.6, newest), then the overflow rule (2.7, and difference 9 of
 * docs/url-format.md).
 */
/** Rocket.Chat's Message_MaxAllowedSize default, which the server counts in UTF-16 code units. */
const MAX_MESSAGE_SIZE = 5000;
/** Apprise's body_maxlen for Rocket.Chat, in code points (Python characters). */
const CHUNK_SIZE = 1000;
/** The most posts one message makes per target unless the caller says otherwise (`max-posts`). */
const MAX_POSTS = 10;
/** Apprise strips these from the front of a title before making it a markdown heading. */
const HEADING_LEAD = /^[\r\n \t\v\f#-]+/;
/** Apprise's text->HTML escaping (`escape_html(convert_new_lines=True)`). */
const HTML_ESCAPES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&apos;',
    '\t': '&emsp;',
    ' ': '&nbsp;',
    '\n': '<br/>'
};
const APPRISE_ICON = 'https://github.com/caronc/apprise/raw/master/apprise/assets/themes/default';
/** Built on first use: creating a segmenter costs ~15 ms of ICU start-up, and most runs never cut. */
let graphemes;
/**
 * The one `text` Apprise sends for a title and body in the service format. Unlike Apprise, a title
 * with an empty body is sent alone instead of refused: a title-only notification is legitimate.
 */
function composeText(title, body, format) {
    const heading = title.trim();
    const content = body.trimEnd();
    switch (format) {
        case 'markdown': {
            const stripped = heading.replace(HEADING_LEAD, '');
            if (stripped === '')
                return content;
            return content === '' ? `# ${stripped}` : `# ${stripped}\n${content}`;
        }
        case 'text':
            if (heading === '')
                return content;
            return content === '' ? heading : `${heading}\r\n${content}`;
        case 'html': {
            const html = textAsHtml(content);
            if (heading === '')
                return html;
            const bold = `<b>${textAsHtml(heading)}</b>`;
            return html === '' ? bold : `${bold}<br />\r\n${html}`;
        }
    }
}
/** Text as HTML that shows it as written: markup escaped, spaces, tabs and line breaks kept. */
function textAsHtml(text) {
    return text.replace(/[&<>"'\t \n]/g, char => HTML_ESCAPES[char] ?? char);
}
/**
 * The text as the message(s) to post, per overflow mode. `upstream` sends it whole, as Apprise,
 * unless the server would refuse it; `truncate` keeps the first chunk; `split` sends every chunk.
 * Chunks end on a line break, else whitespace, else a character boundary, and the first one never
 * holds the title's heading alone. `title` is the title given to composeText, to find that heading.
 * A blank text gives no chunk. Past `maxPosts` chunks the rest is dropped and the last one says so.
 */
function fitText(text, overflow, title = '', maxPosts = MAX_POSTS) {
    if (overflow === 'upstream' && text.length <= MAX_MESSAGE_SIZE) {
        return text.trim() === '' ? [] : [text];
    }
    const limit = overflow === 'upstream'
        ? { size: MAX_MESSAGE_SIZE, unit: 'codeUnit' }
        : { size: CHUNK_SIZE, unit: 'codePoint' };
    const chunks = [];
    // Stops one chunk past the cap: a 10 MB body is not cut into thousands of chunks to drop.
    for (const chunk of chunksOf(text, limit, headingEnd(text, title))) {
        chunks.push(chunk);
        if (overflow === 'truncate' || chunks.length > maxPosts)
            break;
    }
    return chunks.length > maxPosts ? capped(chunks.slice(0, maxPosts), limit) : chunks;
}
/** The kept chunks, the last one shortened to end with a note that the rest was not sent. */
function capped(chunks, limit) {
    const note = `\n\u2026 (truncated: the message needs more than ${chunks.length} posts)`;
    const last = chunks.pop() ?? '';
    let end = Math.min(last.length, limit.size - note.length);
    if (splitsPair(last, end))
        end--;
    return [...chunks, last.slice(0, end).trimEnd() + note];
}
/** Where the line holding the title ends in `text`, or 0 when the text does not start with it. */
function headingEnd(text, title) {
    if (title.trim() === '')
        return 0;
    for (const format of ['markdown', 'html', 'text']) {
        const heading = composeText(title, '', format);
        if (heading !== '' && text.startsWith(heading)) {
            const lineBreak = text.slice(heading.length).search(/[\r\n]/);
            return lineBreak === -1 ? text.length : heading.length + lineBreak;
        }
    }
    return 0;
}
function* chunksOf(text, limit, heading) {
    let start = nextStart(text, 0, false);
    while (start < text.length) {
        const end = windowEnd(text, start, limit);
        if (end === text.length) {
            yield text.slice(start).trimEnd();
            return;
        }
        // A cut must come after `floor`, the first character the chunk has to hold: after the heading
        // for the first chunk when anything fits beside it, so the heading is never sent alone.
        const afterHeading = start < heading ? firstContent(text, heading) : text.length;
        const floor = afterHeading < end ? afterHeading : firstContent(text, start);
        const cut = lastCut(text, floor, end, isLineBreak) ??
            lastCut(text, floor, end, isWhitespace) ??
            hardCut(text, start, floor, end);
        const chunk = text.slice(start, cut).trimEnd();
        if (chunk !== '')
            yield chunk;
        start = nextStart(text, cut, !isLineBreak(text.charAt(cut)));
    }
}
/** The end of the longest slice from `start` within the limit, never between a surrogate pair. */
function windowEnd(text, start, limit) {
    if (limit.unit === 'codeUnit') {
        const end = Math.min(text.length, start + limit.size);
        return splitsPair(text, end) ? end - 1 : end;
    }
    let end = start;
    for (let count = 0; count < limit.size && end < text.length; count++) {
        end += (text.codePointAt(end) ?? 0) > 0xffff ? 2 : 1;
    }
    return end;
}
function splitsPair(text, index) {
    return isHighSurrogate(text.charCodeAt(index - 1)) && isLowSurrogate(text.charCodeAt(index));
}
function isHighSurrogate(code) {
    return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code) {
    return code >= 0xdc00 && code <= 0xdfff;
}
/** The last index in (floor, end] holding a separator: the chunk stops just before it. */
function lastCut(text, floor, end, isSeparator) {
    for (let index = end; index > floor; index--) {
        if (isSeparator(text.charAt(index)))
            return index;
    }
    return undefined;
}
/** No separator fits: cut at the last grapheme boundary, or the code point boundary `end`. */
function hardCut(text, start, floor, end) {
    // The boundary before `end` depends only on what precedes it and on the one character at it.
    const window = text.slice(start, Math.min(text.length, end + 2));
    const boundary = start +
        ((graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' }))
            .segment(window)
            .containing(end - start)?.index ?? end - start);
    return boundary > floor ? boundary : end;
}
/** Where the next chunk starts: past the separator cut at and any blank lines after it. */
function nextStart(text, cut, midLine) {
    let lineStart = cut;
    let index = cut;
    for (;;) {
        while (index < text.length &&
            isWhitespace(text.charAt(index)) &&
            !isLineBreak(text.charAt(index))) {
            index++;
        }
        if (!isLineBreak(text.charAt(index))) {
            // A line's indentation is content (code blocks); spaces left over from a word cut are not.
            return midLine || index === text.length ? index : lineStart;
        }
        index += text.startsWith('\r\n', index) ? 2 : 1;
        lineStart = index;
        midLine = false;
    }
}
function firstContent(text, from) {
    const offset = text.slice(from).search(/\S/);
    return offset === -1 ? text.length : from + offset;
}
function isLineBreak(char) {
    return char === '\n' || char === '\r';
}
function isWhitespace(char) {
    return /^\s$/.test(char);
}
/** Apprise's icon for a status; a cancelled job shows the warning icon. */
function avatarFor(status) {
    const type = status === 'cancelled' ? 'warning' : status;
    return `${APPRISE_ICON}/apprise-${type}-128x128.png`;
}
/**
 * The posts for one destination, in order, at most `maxPosts`. Always at least one, so an attachments-only message
 * is still sent (and an empty one is refused by the server rather than dropped silently).
 */
function composePosts(destination, message, maxPosts = MAX_POSTS) {
    const text = composeText(message.title, message.body, destination.format);
    const chunks = fitText(text, destination.overflow, message.title, maxPosts);
    const texts = chunks.length > 0 ? chunks : [text];
    const look = lookOf(destination, message);
    const alias = message.alias || (destination.mode === 'webhook' ? destination.user : undefined) || undefined;
    const attachments = message.attachments?.length ? message.attachments : undefined;
    const tmid = message.threadId || undefined;
    return texts.map((chunk, index) => ({
        text: chunk,
        ...look,
        ...(alias ? { alias } : {}),
        ...(attachments && index === texts.length - 1 ? { attachments } : {}),
        ...(tmid ? { tmid } : {})
    }));
}
/** Rocket.Chat ignores `emoji` when `avatar` is set, so at most one of them is sent. */
function lookOf(destination, message) {
    if (message.avatarUrl)
        return { avatar: message.avatarUrl };
    if (message.emoji)
        return { emoji: message.emoji };
    return destination.avatar ? { avatar: avatarFor(message.status) } : {};
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: ./src/shared/is-object.ts
var is_object = __nccwpck_require__(8325);
;// CONCATENATED MODULE: ./src/rocketchat/answer.ts

/**
 * Judges a Rocket.Chat answer: delivered only if the status is 2xx and the body is JSON that does
 * not say `success: false` (Apprise trusts the status alone). Rocket.Chat always answers JSON, so a
 * 2xx page of something else is a proxy or portal speaking, and the message did not arrive.
 * Failures carry the server's own words.
 */
function readAnswer(response) {
    const success = response.status >= 200 && response.status < 300;
    const { status } = response;
    if (success && !(0,is_object/* isObject */.G)(response.json)) {
        return {
            ok: false,
            error: `HTTP ${status} but not a Rocket.Chat answer: ${serverWords(response, {})}`,
            kind: 'rejected',
            status
        };
    }
    const body = (0,is_object/* isObject */.G)(response.json) ? response.json : {};
    if (success && body.success !== false)
        return { ok: true, body };
    let words = serverWords(response, body);
    // 9.0 answers 403 `error-forbidden` where 8.x answered 400 `error-not-allowed`; its words may
    // not name the type, so it is added, and the refusal reads as 8.x's does.
    const forbidden = status === 403 && body.errorType === FORBIDDEN;
    if (forbidden && !words.includes(`[${FORBIDDEN}]`))
        words = `${words} [${FORBIDDEN}]`;
    const kind = forbidden ? 'rejected' : kindOf(status, words);
    return { ok: false, error: `HTTP ${status}: ${words}`, kind, status };
}
const FORBIDDEN = 'error-forbidden';
/** How a refusal for lack of permission ends: 8.x's two types (400) and 9.0's (403). */
const NOT_ALLOWED = /^HTTP (?:400: [^\n]*\[error-(?:action-)?not-allowed\]|403: [^\n]*\[error-forbidden\])$/;
/**
 * A refusal of this action for lack of permission (threads off, an edit refused, a room this user
 * cannot read), as 8.x (400 `error-not-allowed`, `error-action-not-allowed`) and 9.0 (403
 * `error-forbidden`) say it. `error` is a refusal's text as readAnswer wrote it.
 */
function isNotAllowed(error) {
    return NOT_ALLOWED.test(error);
}
/** The failure kind a refusal says, from its status and the server's words. */
function kindOf(status, words) {
    if (status === 401 || status === 403)
        return 'auth';
    if (status === 429)
        return 'rate-limit';
    if (status === 404 || words.includes('invalid-channel'))
        return 'not-found';
    if (status === 413 || words.includes('error-message-size-exceeded'))
        return 'too-large';
    return 'rejected';
}
function serverWords(response, body) {
    for (const key of ['error', 'message']) {
        const value = body[key];
        if (typeof value === 'string' && value.trim() !== '')
            return value.trim();
    }
    // Proxies and some Rocket.Chat routes answer in text or HTML: keep a short, tag-free excerpt.
    const text = response.text
        .replace(/<[^<>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    if (text === '')
        return httpPhrase(response.status);
    return text.length > 200 ? `${text.slice(0, 200)}\u2026` : text;
}
function httpPhrase(status) {
    const phrases = {
        400: 'Bad Request',
        401: 'Unauthorized',
        403: 'Forbidden',
        404: 'Not Found',
        429: 'Too Many Requests',
        500: 'Internal Server Error',
        502: 'Bad Gateway',
        503: 'Service Unavailable',
        504: 'Gateway Timeout'
    };
    return phrases[status] ?? 'unexpected answer';
}
/** A message as `chat.getMessage` answers it: where it is, who wrote it and its text, untrusted. */
function storedMessage(body) {
    const message = (0,is_object/* isObject */.G)(body.message) ? body.message : {};
    const author = (0,is_object/* isObject */.G)(message.u) ? message.u._id : undefined;
    return {
        roomId: typeof message.rid === 'string' ? message.rid : undefined,
        authorId: typeof author === 'string' ? author : undefined,
        threadId: typeof message.tmid === 'string' && message.tmid !== '' ? message.tmid : undefined,
        text: typeof message.msg === 'string' ? message.msg : ''
    };
}

// EXTERNAL MODULE: ./src/shared/error-message.ts
var error_message = __nccwpck_require__(6833);
;// CONCATENATED MODULE: ./src/rocketchat/errors.ts
/** The one error type of the library. Its message is always safe to show: no secret is ever put in it. */
class RocketChatError extends Error {
    name = 'RocketChatError';
    kind;
    status;
    mayHaveArrived;
    constructor(message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.kind = options.kind ?? 'rejected';
        this.status = options.status;
        this.mayHaveArrived = options.mayHaveArrived ?? false;
    }
}

;// CONCATENATED MODULE: ./src/rocketchat/target-outcomes.ts
/** What became of a target, as a result: a thrown failure, a refusal, a lost answer, in words. */


/** The outcome of a thrown failure: its kind and status when the library threw it. */
function failedBy(error) {
    if (error instanceof RocketChatError) {
        return {
            outcome: 'failed',
            kind: error.kind,
            ...(error.status === undefined ? {} : { status: error.status }),
            error: error.message
        };
    }
    return { outcome: 'failed', kind: 'rejected', error: (0,error_message/* errorMessage */.g)(error) };
}
/** The outcome of a refusal the server answered. */
function refusedBy(answer) {
    const { kind, status, error } = answer;
    return { outcome: 'failed', kind, status, error };
}
/** What went wrong, in words: a failure's own, or that the answer never came. */
function failureWords(outcome) {
    return outcome.outcome === 'failed' ? outcome.error : 'the answer was lost';
}
/** A failure outcome with `part 2 of 3: ` before its words, for a message sent in several posts. */
function inPart(outcome, index, count) {
    if (count < 2)
        return outcome;
    const part = `part ${index + 1} of ${count}: `;
    if (outcome.outcome === 'failed')
        return { ...outcome, error: part + outcome.error };
    if (outcome.outcome === 'unconfirmed')
        return { ...outcome, reason: part + outcome.reason };
    return outcome;
}
/** Whether a thrown failure may have left the request stored: its answer was lost, not refused. */
function mayHaveArrived(error) {
    return error instanceof RocketChatError && error.mayHaveArrived;
}
/** A result for each target of a destination that nothing was sent to, all for the same reason. */
function allFailed(of, error) {
    const outcome = failedBy(error);
    return of.map(target => ({ ...target, ...outcome }));
}

;// CONCATENATED MODULE: ./src/rocketchat/thread-root.ts
/**
 * One thread per subject across runs, with nothing stored: the root's message id is derived from
 * the thread's key and the room, so every run finds the same root (or creates it under that id:
 * the server stores an id once). A root id is seen by everyone in the room, so it is derived from
 * nothing a guess could be tested against: in token mode it is keyed by the personal access token
 * (high entropy: nobody without the URL can predict or plant it, and rotating the token starts new
 * threads); in basic mode by public data only (server, user, room, key), so it tells nothing of
 * the password, and a message someone else planted under it is never used (`lookUp`).
 */






/** The alphabet of Rocket.Chat's own message ids (Meteor's `Random.id()`), 17 characters long. */
const ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';
const ID_LENGTH = 17;
/** The most of an existing root's text read for its status mark: far more than we write. */
const MAX_ROOT_TEXT = 10_000;
/** `Threads_enabled` off: the server's refusal of a `tmid` (8.x or 9.0), on a reply's first post. */
const threadsOff = (error) => isNotAllowed(error.replace(/^part 1 of \d+: /, ''));
/**
 * The HMAC key of a destination's root ids. Token mode: the token, which only the URL's holders
 * know. Basic mode: public data only; a login password may be weak, and any function of it seen
 * by the room would let anyone test guesses offline, however slowly it was stretched.
 */
function keyOf(destination) {
    const user = destination.user ?? '';
    if (destination.mode === 'token')
        return `token\0${user}\0${destination.password ?? ''}`;
    const server = destination.baseUrl.replace(/^https?:\/\//, '');
    return `${destination.mode}\0${server}\0${user}`;
}
/**
 * The root's id for a key in a room: HMAC-SHA256 (keyOf) of `["thread-root",roomId,key]` as
 * compact JSON, its digest read as a big-endian number and written least significant digit first
 * as 17 characters of Rocket.Chat's id alphabet (about 98 bits). docs/thread-roots.md has vectors.
 */
function threadRootId(destination, roomId, key) {
    const digest = (0,external_node_crypto_.createHmac)('sha256', keyOf(destination))
        .update(JSON.stringify(['thread-root', roomId, key]))
        .digest('hex');
    let n = BigInt(`0x${digest}`);
    const base = BigInt(ID_ALPHABET.length);
    let id = '';
    for (let i = 0; i < ID_LENGTH; i++) {
        id += ID_ALPHABET[Number(n % base)] ?? '';
        n /= base;
    }
    return id;
}
/**
 * The notification as a reply in the keyed thread of a room: the root is looked up (one request),
 * created on the first run, and updated after the reply to show the latest state (one request).
 * Whatever goes wrong with the thread, the notification is still posted, outside it, with a warning.
 */
async function postInThread(session, roomId, posts, thread) {
    const { masked } = session.destination;
    const outside = (why) => {
        session.warn(`thread-key: ${why}; posted to room ${roomId} of ${masked} outside any thread`);
        return session.postAll(roomId, posts);
    };
    let rootId;
    let root;
    try {
        rootId = threadRootId(session.destination, roomId, thread.key);
        root = session.planning ? { found: 'none' } : await lookUp(session, rootId, roomId);
    }
    catch (error) {
        return outside(`looking up the thread's root failed (${(0,error_message/* errorMessage */.g)(error)})`);
    }
    const text = `${thread.subject}\n${thread.state}`;
    let created = false;
    if (root.found === 'none') {
        const made = await createRoot(session, rootId, roomId, text, posts[0]);
        if (made === true)
            created = true;
        else {
            try {
                root = await lookUp(session, rootId, roomId);
            }
            catch (error) {
                return outside(`creating the thread's root failed (${made}; ${(0,error_message/* errorMessage */.g)(error)})`);
            }
            if (root.found === 'none')
                return outside(`creating the thread's root failed (${made})`);
        }
    }
    if (root.found === 'foreign') {
        return outside(`message ${rootId} is not this thread's root (${root.reason})`);
    }
    const rootText = root.found === 'ours' ? root.text : undefined;
    let previous = rootText;
    // A state older than the root's replies without taking the root back (types.ts, isNewerThan);
    // so does a run older than the one the root names (finished late, or an earlier attempt).
    let stale = previous !== undefined && isStale(thread, previous);
    // The root is brought to this state before the reply, so that a refusal is known in time for
    // the reply to say so and for "changed" to be judged against the state the thread last showed.
    // A root just created already says where the thread stands.
    const edit = created || stale ? 'none' : await updateRoot(session, rootId, roomId, text);
    let noted = false;
    if (edit === 'refused') {
        const latest = await lastNotedState(session, rootId);
        if (latest !== undefined) {
            previous = latest;
            stale = isStale(thread, latest);
        }
        noted = !stale;
    }
    const tshow = !stale && broadcast(thread, previous);
    const said = noted ? withNote(posts, `${thread.state}${ROOT_NOT_UPDATED}`) : posts;
    const replies = said.map(post => ({ ...post, tmid: rootId, ...(tshow ? { tshow } : {}) }));
    const outcome = await session.postAll(roomId, replies);
    // Nothing was stored: the root goes back to the state the thread has heard of.
    if (nothingStored(outcome) && edit === 'updated' && rootText !== undefined) {
        await updateRoot(session, rootId, roomId, rootText);
    }
    // A server with threads off refuses the first reply, and nothing was stored: post without one.
    if (outcome.outcome === 'failed' && threadsOff(outcome.error)) {
        return outside(`the server refused a reply in thread ${rootId} (${outcome.error})`);
    }
    if (outcome.outcome !== 'delivered')
        return outcome;
    return { ...outcome, threadId: rootId };
}
/** A failure of the reply's first part: none of it is in the thread. */
function nothingStored(outcome) {
    return outcome.outcome === 'failed' && /^(?!part )|^part 1 of /.test(outcome.error);
}
/** This state may not take over from `shown`: older by its own order, or an older run. */
function isStale(thread, shown) {
    return thread.isNewerThan?.(shown) === false || isOlderRun(thread.state, shown);
}
/**
 * Ends the state line a reply carries when the root could not be brought to it (edits refused,
 * `Message_AllowEditing` off or its time limit past): the reply says so, and the next run finds
 * the thread's latest state there.
 */
const ROOT_NOT_UPDATED = " \u00b7 the thread's root could not be updated";
/** How many of the thread's newest messages are read for the latest noted state: one small page. */
const THREAD_PAGE = 10;
/** The posts with the state line (and its note) last, in the last post if it fits there. */
function withNote(posts, line) {
    const last = posts.at(-1);
    if (last === undefined)
        return [{ text: line }];
    if (last.text.length + 1 + line.length > MAX_MESSAGE_SIZE) {
        const note = { text: line };
        for (const key of ['alias', 'emoji', 'avatar']) {
            if (last[key] !== undefined)
                note[key] = last[key];
        }
        return [...posts, note];
    }
    const text = last.text === '' ? line : `${last.text}\n${line}`;
    return [...posts.slice(0, -1), { ...last, text }];
}
/**
 * The state line of the newest message of this user in the thread that carries one with the
 * note (a run whose root edit was refused wrote it): one page of the thread, newest first.
 * Undefined when none does (the root was current until this run) or the thread cannot be read.
 */
async function lastNotedState(session, rootId) {
    const query = new URLSearchParams({
        tmid: rootId,
        count: String(THREAD_PAGE),
        sort: JSON.stringify({ ts: -1 })
    });
    let answer;
    try {
        answer = readAnswer(await session.call('GET', `chat.getThreadMessages?${query.toString()}`));
    }
    catch (error) {
        session.warn(`thread-key: reading thread ${rootId} failed: ${(0,error_message/* errorMessage */.g)(error)}`);
        return undefined;
    }
    if (!answer.ok) {
        session.warn(`thread-key: reading thread ${rootId} failed: ${answer.error}`);
        return undefined;
    }
    const page = Array.isArray(answer.body.messages) ? answer.body.messages.slice(0, THREAD_PAGE) : [];
    // The server's order is not trusted: newest first by the time each message says it was sent.
    const messages = page
        .filter(is_object/* isObject */.G)
        .map(message => ({ message, at: Date.parse(String(message.ts)) || 0 }))
        .sort((a, b) => b.at - a.at);
    for (const { message } of messages) {
        const { authorId, text } = storedMessage({ message });
        if (authorId !== session.userId)
            continue;
        const tail = text.slice(-MAX_ROOT_TEXT);
        const line = tail.slice(tail.lastIndexOf('\n') + 1);
        if (line.endsWith(ROOT_NOT_UPDATED))
            return line.slice(0, -ROOT_NOT_UPDATED.length);
    }
    return undefined;
}
/**
 * The message under the root's id, and whether it may be used: only a message of this user in
 * this room is a root. `{success:false}` and nothing else is the server's "no such message"; a
 * refusal with words (`error-not-allowed`: a room this user cannot read) means it exists elsewhere.
 */
async function lookUp(session, rootId, roomId) {
    const response = await session.call('GET', `chat.getMessage?msgId=${encodeURIComponent(rootId)}`);
    const answer = readAnswer(response);
    if (!answer.ok) {
        const body = (0,is_object/* isObject */.G)(response.json) ? response.json : {};
        if (answer.status === 400 && body.error === undefined)
            return { found: 'none' };
        if (answer.status === 400 || isNotAllowed(answer.error)) {
            return { found: 'foreign', reason: answer.error };
        }
        throw new Error(answer.error);
    }
    const message = storedMessage(answer.body);
    if (message.roomId !== roomId)
        return { found: 'foreign', reason: 'it is in another room' };
    if (message.authorId !== session.userId) {
        return { found: 'foreign', reason: 'another user posted it' };
    }
    return { found: 'ours', text: message.text.slice(-MAX_ROOT_TEXT) };
}
/**
 * The root under its id, with the look of the notification. True when stored; otherwise why not,
 * to be settled by a look-up: a refusal is also what a run that lost the race gets.
 */
function createRoot(session, rootId, roomId, text, first) {
    return sendUnderId(session, rootId, roomId, text, first, ['alias', 'emoji', 'avatar']);
}
/**
 * A message under an id of ours, with `keys` of the notification's first post. True when stored;
 * otherwise why not (a lost answer said so, for the caller's look-up to settle).
 */
async function sendUnderId(session, id, roomId, text, first, keys) {
    const fields = {};
    for (const key of keys) {
        if (first?.[key] !== undefined)
            fields[key] = first[key];
    }
    try {
        const answer = readAnswer(await session.call('POST', 'chat.sendMessage', { message: { _id: id, rid: roomId, msg: text, ...fields } }, true));
        return answer.ok ? true : answer.error;
    }
    catch (error) {
        return mayHaveArrived(error)
            ? `its answer was lost: ${(0,error_message/* errorMessage */.g)(error)}`
            : (0,error_message/* errorMessage */.g)(error);
    }
}
/**
 * The root now says where the thread stands: `refused` when the server will not edit it (8.x 400
 * `error-action-not-allowed`, 9.0 403 `error-forbidden`); any failure is only a warning.
 */
async function updateRoot(session, rootId, roomId, text) {
    try {
        const answer = readAnswer(await session.call('POST', 'chat.update', { roomId, msgId: rootId, text }, true));
        if (answer.ok)
            return 'updated';
        session.warn(`thread-key: the root ${rootId} was not updated: ${answer.error}`);
        return isNotAllowed(answer.error) ? 'refused' : 'failed';
    }
    catch (error) {
        session.warn(`thread-key: the root ${rootId} was not updated: ${(0,error_message/* errorMessage */.g)(error)}`);
        return 'failed';
    }
}
/** Whether the reply is also shown in the room: `changed` compares the status marks. */
function broadcast(thread, previous) {
    if (thread.broadcast !== 'changed')
        return thread.broadcast === 'always';
    // A root this run created has no reply before this one: the root itself shows the state.
    if (previous === undefined)
        return false;
    return statusMark(previous) !== statusMark(thread.state);
}
/**
 * The run a state line names (`\u274c Latest: CI <\u2026/runs/1/attempts/2|run #102> failed`, as
 * src/template/thread.ts writes it), read without a regex over the line; undefined for another.
 */
function runPosition(text) {
    const line = text.slice(text.lastIndexOf('\n') + 1);
    const start = line.indexOf(LATEST);
    const label = line.lastIndexOf(RUN_LABEL);
    if (start === -1 || label === -1)
        return undefined;
    const open = line.lastIndexOf(' <', label);
    if (open < start + LATEST.length)
        return undefined;
    const digits = line.slice(label + RUN_LABEL.length).split('>', 1)[0] ?? '';
    if (!/^\d{1,15}$/.test(digits))
        return undefined;
    const url = line.slice(open + 2, label);
    const attempt = url.slice(url.lastIndexOf('/attempts/') + '/attempts/'.length);
    return {
        workflow: line.slice(start + LATEST.length, open),
        number: Number(digits),
        attempt: url.includes('/attempts/') && /^\d{1,9}$/.test(attempt) ? Number(attempt) : 1
    };
}
const LATEST = ' Latest: ';
const RUN_LABEL = '|run #';
/** This state's run is of the root's workflow and older: a lower number, or an earlier attempt. */
function isOlderRun(state, rootText) {
    const run = runPosition(state);
    const shown = runPosition(rootText);
    if (!run || !shown || run.workflow !== shown.workflow)
        return false;
    return run.number < shown.number || (run.number === shown.number && run.attempt < shown.attempt);
}
/** The first word of the last line: the status emoji of a root's state. */
function statusMark(text) {
    const lastLine = text.slice(text.lastIndexOf('\n') + 1);
    return lastLine.trim().split(/\s/, 1)[0] ?? '';
}

;// CONCATENATED MODULE: ./src/rocketchat/in-place.ts
/**
 * One message kept up to date in place (a deploy job: "deploying", then its result): its id is
 * derived like a keyed thread's root (thread-root.ts), so every step and every re-run of the job
 * finds it, and none posts a second one. The first step creates it whole; later ones edit its
 * text (`chat.update` edits text, not attachments, so what changes lives in the text).
 */



async function postInPlace(session, roomId, posts, thread, textFrom) {
    const { masked } = session.destination;
    const outside = (why) => {
        session.warn(`deploy: ${why}; posted to room ${roomId} of ${masked} as a new message`);
        return session.postAll(roomId, posts.map(post => ({ ...post, text: textFrom(undefined) })));
    };
    let messageId = '';
    let found;
    try {
        messageId = threadRootId(session.destination, roomId, thread.key);
        found = session.planning ? { found: 'none' } : await lookUp(session, messageId, roomId);
        if (found.found === 'none') {
            const made = await create(session, messageId, roomId, textFrom(undefined), posts[0]);
            if (made === true)
                return { outcome: 'delivered', messageId, roomId };
            // A refusal or a lost answer: the message may be there (a racing step, a slow server).
            found = await lookUp(session, messageId, roomId);
            if (found.found === 'none') {
                return await outside(`creating message ${messageId} failed (${made})`);
            }
        }
    }
    catch (error) {
        return outside(`looking up message ${messageId} failed (${(0,error_message/* errorMessage */.g)(error)})`);
    }
    if (found.found === 'foreign') {
        return outside(`message ${messageId} is not this deploy's (${found.reason})`);
    }
    // A state older than the one shown (an earlier attempt's) leaves the message as it is.
    if (thread.isNewerThan?.(found.text) === false)
        return { outcome: 'delivered', messageId, roomId };
    const text = textFrom(found.text);
    try {
        const answer = readAnswer(await session.call('POST', 'chat.update', { roomId, msgId: messageId, text }, true));
        if (!answer.ok)
            return { outcome: 'failed', kind: 'rejected', error: answer.error };
    }
    catch (error) {
        return { outcome: 'failed', kind: 'network', error: (0,error_message/* errorMessage */.g)(error) };
    }
    return { outcome: 'updated', messageId, roomId };
}
/** The message whole (text, attachments, look) under its derived id: true when stored. */
function create(session, messageId, roomId, text, first) {
    return sendUnderId(session, messageId, roomId, text, first, [
        'alias',
        'emoji',
        'avatar',
        'attachments'
    ]);
}

;// CONCATENATED MODULE: ./src/rocketchat/url/tokenize.ts
/**
 * The first step of reading a URL: cut it into its parts as written (scheme, userinfo, host and
 * port, path, query) before anything is checked. A literal `#` is a channel marker here, never a
 * fragment (`host#chan`, `/#a,#b`), so WHATWG `new URL()` cannot do this split.
 */

/** Keys whose value is a secret: a masked URL shows `key=****`. */
const SECRET_KEYS = ['password', 'pass', 'webhook'];
/** Keys that carry a credential: with one given, `host/@user` is a host and a user target. */
const CREDENTIAL_KEYS = new Set(['user', ...SECRET_KEYS]);
/** Keys that are not secrets: a masked URL may show them as written. */
const OPTION_KEYS = new Set([
    'mode',
    'avatar',
    'to',
    'format',
    'overflow',
    'verify',
    'cto',
    'rto',
    'retry',
    'port',
    'user'
]);
/** Valid in Apprise, but about behaviour this action does not have or does its own way. */
const APPRISE_ONLY_KEYS = new Set(['emojis', 'wait', 'optional', 'redirect', 'tz', 'store']);
/** The path of a Rocket.Chat incoming webhook link, `/hooks/id/token`. */
const HOOK_LINK_PATH = /^\/hooks\/[^/]+\/[^/]+\/?$/;
/** Path and `to=` separators (Apprise's, plus `;[]` from its `to=` splitter). */
const TARGET_SEPARATORS = /[/\\,;[\]\s]+/;
/** Cuts a URL into its parts. Throws when it has no `scheme://`, showing none of the text. */
function tokenize(raw) {
    const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s.exec(raw);
    if (!match) {
        // Nothing is known to be a secret in such text, so none of it is shown.
        throw new RocketChatError('Not a Rocket.Chat URL: it must start with rocket:// or rockets:// (the text is not shown, in case it holds a secret; URLs are separated by whitespace, so a space inside one is written %20)');
    }
    const [, scheme = '', rest = ''] = match;
    const queryAt = rest.indexOf('?');
    const hier = queryAt < 0 ? rest : rest.slice(0, queryAt);
    const query = queryAt < 0 ? [] : readQuery(rest.slice(queryAt + 1));
    const credentialsInQuery = query.some(p => CREDENTIAL_KEYS.has(p.key) && p.value !== '');
    const end = userinfoEnd(hier, credentialsInQuery);
    const userinfo = end < 0 ? { user: undefined, secret: undefined } : readUserinfo(hier.slice(0, end));
    const hostAt = end + 1;
    const { hostport, path } = splitHostPath(hier.slice(hostAt));
    return {
        scheme: scheme.toLowerCase(),
        user: userinfo?.user,
        secret: userinfo?.secret,
        unreadableUserinfo: userinfo === undefined,
        hostAt,
        ...splitPort(hostport),
        path,
        query
    };
}
/** A webhook written `[user:]id/` with its token missing, right before an '@'. */
const TOKENLESS_WEBHOOK = /^(?:[^:/@#]*:)?[^:/@#\\,;[\]\s]*\/$/;
/**
 * Where the userinfo ends: the index in `hier` of the '@' that closes it, or -1 without one. It is
 * the last '@' that does not start a `@user` target (an '@' right after a target separator does),
 * so an unencoded '@' in a password works and `host#a,@john` keeps its user. The one exception,
 * `id/@host` with no credentials in the query, is a webhook whose token is missing.
 *
 * Invariant: a credential written before its '@host' lies wholly before this point. The parser
 * reads credentials from there only, and a masked URL shows nothing of it that is not a user name.
 */
function userinfoEnd(hier, credentialsInQuery) {
    for (let at = hier.lastIndexOf('@'); at >= 0; at = hier.lastIndexOf('@', at - 1)) {
        if (at === 0 || !TARGET_SEPARATORS.test(hier.charAt(at - 1)))
            return at;
        if (!credentialsInQuery && TOKENLESS_WEBHOOK.test(hier.slice(0, at)))
            return at;
    }
    return -1;
}
/**
 * `user:secret`, a lone user name, or a webhook (`id/token`, `id%2Ftoken`); undefined when the text
 * cannot be one: a user name holds no literal '/', '#' or '@', so one that does is a typo that
 * moved a credential (the secret after the ':' may hold anything).
 */
function readUserinfo(info) {
    const colon = info.indexOf(':');
    if (colon < 0) {
        if (/[#@]/.test(info))
            return undefined;
        return /\/|%2F/i.test(info)
            ? { user: undefined, secret: info }
            : { user: info || undefined, secret: undefined };
    }
    const user = info.slice(0, colon);
    if (/[/#@]/.test(user))
        return undefined;
    return { user: user || undefined, secret: info.slice(colon + 1) || undefined };
}
/** The host ends at the first '/' or '#' (`host#chan` names a channel). */
function splitHostPath(text) {
    const hostEnd = text.search(/[/#]/);
    return hostEnd < 0
        ? { hostport: text, path: '' }
        : { hostport: text.slice(0, hostEnd), path: text.slice(hostEnd) };
}
function splitPort(hostport) {
    const ipv6 = /^(\[[^\]]*\])(?::(.*))?$/s.exec(hostport);
    if (ipv6)
        return { host: ipv6[1] ?? '', portText: ipv6[2] };
    const colon = hostport.indexOf(':');
    return colon < 0
        ? { host: hostport, portText: undefined }
        : { host: hostport.slice(0, colon), portText: hostport.slice(colon + 1) };
}
/** `&` and `;` both separate pairs; a repeated key is resolved by the parameters. */
function readQuery(text) {
    return text
        .split(/[&;]/)
        .filter(Boolean)
        .map(pair => {
        const eq = pair.indexOf('=');
        const key = decode(eq < 0 ? pair : pair.slice(0, eq))
            .trim()
            .toLowerCase();
        const raw = eq < 0 ? '' : pair.slice(eq + 1);
        return { key, raw, value: decode(raw).trim() };
    });
}
/** A port number from 1 to 65535, or undefined. */
function readPort(text) {
    const port = /^\d+$/.test(text) ? Number(text) : NaN;
    return port >= 1 && port <= 65535 ? port : undefined;
}
/**
 * Percent-decoding as Apprise's unquote does it: a `+` stays a plus, and a malformed escape is kept
 * as written instead of failing the whole URL.
 */
function decode(text) {
    return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, run => {
        try {
            return decodeURIComponent(run);
        }
        catch {
            return run;
        }
    });
}

;// CONCATENATED MODULE: ./src/rocketchat/url/targets.ts

/** Channel and user names as Rocket.Chat allows them, non-ASCII letters included. */
const NAME = /^[\p{L}\p{M}\p{N}._-]+$/u;
const ALNUM = /^[A-Za-z0-9]+$/;
/** A target as the user wrote it: `#channel`, `@user` or a room id. */
function describeTarget(target) {
    switch (target.kind) {
        case 'channel':
            return `#${target.name}`;
        case 'user':
            return `@${target.name}`;
        case 'room':
            return target.id;
    }
}
/**
 * The path's targets, then the `to=` ones, in the order written, each once. One that cannot be a
 * target is rejected with the reason instead of failing the URL, so the others still get the post.
 */
function readTargets(path, to) {
    const pieces = [...splitTargets(path).map(decode), ...to.flatMap(value => splitTargets(value))];
    const seen = new Set();
    const result = {
        targets: [],
        rejectedTargets: []
    };
    for (const piece of pieces) {
        const target = classify(piece);
        const key = target === undefined ? piece : describeTarget(target);
        if (seen.has(key))
            continue;
        seen.add(key);
        if (target === undefined)
            result.rejectedTargets.push({ target: piece, reason: reason(piece) });
        else
            result.targets.push(target);
    }
    return result;
}
/** Apprise's separators, and a new target at every '#' (`/#a#b`, `ROOM1#chan`). */
function splitTargets(text) {
    return text
        .split(TARGET_SEPARATORS)
        .flatMap(piece => piece.split(/(?=#)/))
        .filter(Boolean);
}
function classify(piece) {
    const name = piece.slice(1);
    if (piece.startsWith('#'))
        return NAME.test(name) ? { kind: 'channel', name } : undefined;
    if (piece.startsWith('@'))
        return NAME.test(name) ? { kind: 'user', name } : undefined;
    return ALNUM.test(piece) ? { kind: 'room', id: piece } : undefined;
}
function reason(piece) {
    const hint = NAME.test(piece) ? `; for a channel write '#${piece}'` : '';
    return `expected #channel, @user or a room id (letters and digits)${hint}`;
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(7075);
;// CONCATENATED MODULE: ./src/rocketchat/upload.ts
/**
 * Files sent with a message (token and basic modes), in Rocket.Chat's two steps (7.x, 8.x):
 * `rooms.media/:rid` stores the bytes as a temporary upload (multipart, field `file`), and
 * `rooms.mediaConfirm/:rid/:fileId` posts it as a message. `rooms.upload` did both in one step and
 * is gone in 8.0.
 *
 * Exactly once: storing is safe to repeat (a repeat stores one more temporary upload, which the
 * server drops after 24 hours and nobody sees), so the transport may resend it. Confirming is not:
 * the server posts a message for each confirm of the same upload. A confirm whose answer was lost is
 * settled by looking for the upload's message in the room (`chat.syncMessages` since just before
 * the confirm); found, it was delivered; not found, it is reported unconfirmed and never confirmed
 * again, since the server may still be working on the first one.
 */







/** An in-memory file (a log excerpt, a generated report) to send. */
function fileFromBuffer(name, bytes, contentType) {
    return {
        name,
        size: bytes.byteLength,
        open: () => external_node_stream_.Readable.from([Buffer.from(bytes)]),
        ...(contentType === undefined ? {} : { contentType })
    };
}
/**
 * After a message's results: each file to each room the message reached, in order, right after
 * the message, in the message's thread: the result's own `threadId` (a keyed thread's root, per
 * room), else `tmid`. One more result per file per target; a target the message did not reach gets
 * its files as failed, never sent alone.
 */
async function uploadAfter(session, results, files, tmid, limit) {
    if (files.length === 0)
        return results;
    const perTarget = await Promise.all(results.map(async (result) => {
        const { destination, url, mode, target } = result;
        const room = result.outcome === 'delivered' || result.outcome === 'updated' ? result.roomId : undefined;
        const entries = [result];
        for (const file of files) {
            const of = { destination, url, mode, target, file: { name: file.name, size: file.size } };
            const outcome = room === undefined
                ? {
                    outcome: 'failed',
                    kind: result.outcome === 'failed' ? result.kind : 'rejected',
                    error: 'not uploaded: the message did not reach this target'
                }
                : await limit(() => uploadFile(session, room, file, threadOf(result) ?? tmid));
            entries.push({ ...of, ...outcome });
        }
        return entries;
    }));
    return perTarget.flat();
}
function threadOf(result) {
    return result.outcome === 'delivered' ? result.threadId : undefined;
}
/** Stores one file in a room and posts it there, at most once. */
async function uploadFile(session, roomId, file, tmid) {
    let fileId;
    let since;
    // Set when the file's bytes differ from its size: the file's fault, not the network's.
    let changed;
    try {
        const response = await call(session, `rooms.media/${encodeURIComponent(roomId)}`, {
            stream: multipart(file, why => {
                changed = why;
            }),
            replayable: true
        });
        const answer = readAnswer(response);
        if (!answer.ok)
            return refused(answer, `storing ${file.name}`);
        const stored = (0,is_object/* isObject */.G)(answer.body.file) ? answer.body.file._id : undefined;
        if (typeof stored !== 'string' || stored === '') {
            return {
                outcome: 'failed',
                kind: 'rejected',
                error: `storing ${file.name}: no file id in the answer`
            };
        }
        fileId = stored;
        since = serverTime(response);
    }
    catch (error) {
        if (changed !== undefined) {
            return { outcome: 'failed', kind: 'rejected', error: `storing ${file.name}: ${changed}` };
        }
        return failedBy(error);
    }
    // The upload is stored under its own name by `fileName`, whatever the multipart part could
    // carry; the description is one line.
    const body = {
        msg: '',
        description: file.name.replace(/[\r\n]+/g, ' '),
        fileName: file.name,
        ...(tmid === undefined ? {} : { tmid })
    };
    try {
        const path = `rooms.mediaConfirm/${encodeURIComponent(roomId)}/${encodeURIComponent(fileId)}`;
        const answer = readAnswer(await call(session, path, { body, replayable: false }));
        if (!answer.ok) {
            // A server error may come after the message was stored: it is looked for before it counts.
            if (answer.status < 500)
                return refused(answer, `posting ${file.name}`);
            const messageId = await findFileMessage(session, roomId, fileId, since).catch(() => undefined);
            return messageId === undefined
                ? refused(answer, `posting ${file.name}`)
                : { outcome: 'delivered', messageId, roomId, fileId };
        }
        const message = (0,is_object/* isObject */.G)(answer.body.message) ? answer.body.message : {};
        return {
            outcome: 'delivered',
            ...(typeof message._id === 'string' ? { messageId: message._id } : {}),
            roomId,
            fileId
        };
    }
    catch (error) {
        if (!mayHaveArrived(error))
            return failedBy(error);
        return settle(session, roomId, fileId, since, (0,error_message/* errorMessage */.g)(error));
    }
}
/** After a lost confirm: the upload's message in the room means it was posted. */
async function settle(session, roomId, fileId, since, lost) {
    try {
        const messageId = await findFileMessage(session, roomId, fileId, since);
        if (messageId !== undefined)
            return { outcome: 'delivered', messageId, roomId, fileId };
        return {
            outcome: 'unconfirmed',
            reason: `${lost}; the file's message is not in the room (yet): not posted again`
        };
    }
    catch (error) {
        return {
            outcome: 'unconfirmed',
            reason: `${lost}; asking whether it arrived failed too (${(0,error_message/* errorMessage */.g)(error)}): not posted again`
        };
    }
}
/** The most messages read from one answer when looking for a file's message. */
const MAX_SYNCED = 10_000;
/** The id of the room's message that carries the upload, among those changed since `since`. */
async function findFileMessage(session, roomId, fileId, since) {
    const query = `roomId=${encodeURIComponent(roomId)}&lastUpdate=${encodeURIComponent(since.toISOString())}`;
    const answer = readAnswer(await call(session, `chat.syncMessages?${query}`, { method: 'GET' }));
    if (!answer.ok)
        throw new RocketChatError(answer.error, { kind: answer.kind, status: answer.status });
    const result = (0,is_object/* isObject */.G)(answer.body.result) ? answer.body.result : {};
    const updated = Array.isArray(result.updated) ? result.updated : [];
    for (const message of updated.slice(0, MAX_SYNCED)) {
        if (!(0,is_object/* isObject */.G)(message) || typeof message._id !== 'string')
            continue;
        const listed = Array.isArray(message.files) ? message.files : [];
        const files = [message.file, ...listed];
        if (files.some(f => (0,is_object/* isObject */.G)(f) && f._id === fileId))
            return message._id;
    }
    return undefined;
}
/** Rocket.Chat's refusal of a step; its `error-file-too-large` is a size refusal like a proxy's 413. */
function refused(answer, step) {
    const { status, error } = answer;
    const tooLarge = error.includes('error-file-too-large') || status === 413;
    return {
        outcome: 'failed',
        kind: tooLarge ? 'too-large' : answer.kind,
        status,
        error: `${step}: ${error}`
    };
}
/**
 * The server's clock when it stored the file, a little earlier to be safe: the runner's clock may
 * be off, and `lastUpdate` is compared with the server's. Without a Date header, the last hour.
 */
function serverTime(response) {
    const stated = Date.parse(response.headers.date ?? '');
    return new Date((Number.isNaN(stated) ? Date.now() - 3_600_000 : stated) - 5_000);
}
/**
 * The types Rocket.Chat shows by kind (an image inline, text with a preview). SVG is left out:
 * the server's default media blacklist refuses `image/svg+xml`.
 */
const CONTENT_TYPES = {
    txt: 'text/plain',
    log: 'text/plain',
    md: 'text/markdown',
    csv: 'text/csv',
    html: 'text/html',
    json: 'application/json',
    xml: 'application/xml',
    pdf: 'application/pdf',
    zip: 'application/zip',
    gz: 'application/gzip',
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    webp: 'image/webp'
};
function contentTypeOf(name) {
    const extension = /\.([^./]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
    return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}
/**
 * `multipart/form-data` with the one part `file`, streamed: a head, the file's bytes, a tail. The
 * name is written as browsers write it (UTF-8, `"` and line breaks percent-encoded), which the
 * server's parser (busboy, `defParamCharset: 'utf8'`) reads back; a `\` becomes `_`, since busboy
 * keeps only what follows the last one however it is escaped (the confirm's `fileName` restores it).
 */
function multipart(file, onChanged) {
    const boundary = `----rocketchat-notify-${(0,external_node_crypto_.randomBytes)(12).toString('hex')}`;
    const name = file.name
        .replace(/"/g, '%22')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/\\/g, '_');
    const head = Buffer.from(`--${boundary}\r\n` +
        `Content-Disposition: form-data; name="file"; filename="${name}"\r\n` +
        `Content-Type: ${file.contentType ?? contentTypeOf(file.name)}\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    async function* parts() {
        yield head;
        let read = 0;
        for await (const chunk of file.open()) {
            read += chunk.length;
            if (read > file.size)
                break;
            yield chunk;
        }
        // Content-Length promised the size: a file that changed while sent must not pass for whole.
        if (read !== file.size) {
            const why = `${file.name} gave ${read} bytes, not the ${file.size} it had when opened: it changed while it was sent`;
            onChanged(why);
            throw new Error(why);
        }
        yield tail;
    }
    return {
        contentType: `multipart/form-data; boundary=${boundary}`,
        length: head.length + file.size + tail.length,
        open: () => external_node_stream_.Readable.from(parts(), { objectMode: false }),
        summary: { file: file.name, size: file.size }
    };
}
function call(session, path, how) {
    const method = how.method ?? 'POST';
    return session.sender.send({
        method,
        url: `${session.destination.baseUrl}/api/v1/${path}`,
        headers: session.headers,
        ...(how.body === undefined ? {} : { body: how.body }),
        ...(how.stream === undefined ? {} : { stream: how.stream }),
        replayable: how.replayable ?? method === 'GET'
    }, session.destination);
}

;// CONCATENATED MODULE: ./src/rocketchat/rest.ts










/**
 * Token and basic modes. Each post goes through `chat.sendMessage` under a message id made here:
 * the server stores an id at most once (a repeat is refused and stores nothing), so a post whose
 * answer was lost may be sent again, and `chat.getMessage` on the id says whether it arrived, even
 * when the first request is still being processed when we ask. `chat.postMessage` takes no id:
 * after a lost answer only the room's history could be searched for this text, and a request the
 * server is still working on is not there yet, so a second send would make a second copy.
 * The price: `chat.sendMessage` wants a room id, so a `#channel` or `@user` target costs one
 * lookup first (`rooms.info`, `im.create`, both safe to repeat); a room id target stays at one
 * request per post. Two or more `#channel` targets are first looked up together, in the list of
 * the user's rooms (`subscriptions.get`), so a fan-out costs one lookup, not one per channel. Nobody is joined to a channel: the server lets a user post where it may read.
 * Basic mode logs in once for the destination and always logs out after a login.
 */
async function sendRest(sender, destination, of, posts, message, limit, hooks, files = []) {
    // Only rejected targets: nothing to send, so no login either.
    if (destination.targets.length === 0)
        return [];
    const targets = destination.targets.map(target => of(describeTarget(target)));
    let api;
    let loggedIn;
    try {
        ;
        ({ api, loggedIn } = await limit(() => openSession(sender, destination, hooks)));
    }
    catch (error) {
        return allFailed(targets, error);
    }
    try {
        // A reply or an edit lives in the parent's room, whatever targets the URL names: one result,
        // under the first target the user wrote.
        const first = targets[0] ?? of('(thread)');
        // Files follow their message: into the thread it is in (the parent's, the edited message's).
        if (message.updateId !== undefined) {
            const msgId = message.updateId;
            const { outcome, threadId } = await limit(() => updateMessage(api, msgId, posts));
            return await uploadAfter(api, [{ ...first, ...outcome }], files, threadId, limit);
        }
        if (message.threadId !== undefined) {
            const parent = message.threadId;
            const replied = [{ ...first, ...(await limit(() => replyInThread(api, parent, posts))) }];
            return await uploadAfter(api, replied, files, parent, limit);
        }
        const known = await knownChannels(api, destination.targets, limit);
        // A thread key is read only here: a reply or an edit has returned above.
        const inThread = message.threadKey && threadPoster(api, message.threadKey, hooks);
        const rooms = await Promise.all(destination.targets.map(target => limit(() => roomOrFailure(api, target, known))));
        // Each room once: targets that name the same room (`#general` and its id `GENERAL`) share the
        // first one's post and files; each still has its result.
        const firstOfRoom = new Map();
        for (const [i, room] of rooms.entries()) {
            if (typeof room === 'string' && !firstOfRoom.has(room))
                firstOfRoom.set(room, i);
        }
        const outcomes = new Map();
        for (const [room, i] of firstOfRoom) {
            outcomes.set(i, limit(() => (inThread ? inThread(room, posts) : postAll(api, room, posts))));
        }
        const perTarget = await Promise.all(rooms.map(async (room, i) => {
            const of = targets[i];
            const first = typeof room === 'string' ? (firstOfRoom.get(room) ?? i) : i;
            const outcome = typeof room === 'string' ? await outcomes.get(first) : room;
            if (first !== i)
                return [{ ...of, ...outcome }];
            return uploadAfter(api, [{ ...of, ...outcome }], files, undefined, limit);
        }));
        return perTarget.flat();
    }
    finally {
        if (loggedIn)
            await logout(api, hooks);
    }
}
async function openSession(sender, destination, hooks) {
    const user = destination.user ?? '';
    const password = destination.password ?? '';
    if (destination.mode === 'token') {
        const headers = { 'x-user-id': user, 'x-auth-token': password };
        return { api: { sender, destination, headers }, loggedIn: false };
    }
    const response = await sender.send({
        method: 'POST',
        url: `${destination.baseUrl}/api/v1/login`,
        body: { user, password },
        replayable: true
    }, destination);
    const body = (0,is_object/* isObject */.G)(response.json) ? response.json : {};
    const data = (0,is_object/* isObject */.G)(body.data) ? body.data : {};
    if (response.status === 200 && body.status === 'success') {
        const userId = data.userId;
        const authToken = data.authToken;
        if (typeof userId === 'string' && typeof authToken === 'string') {
            hooks.onSecret(authToken);
            const headers = { 'x-user-id': userId, 'x-auth-token': authToken };
            return { api: { sender, destination, headers }, loggedIn: true };
        }
    }
    if (body.error === 'totp-required') {
        throw new RocketChatError(`login as ${user} needs a two-factor code (totp-required), which an action cannot type: ` +
            'use token mode with a personal access token instead (rocket://USER_ID:TOKEN@host/#channel?mode=token)', { kind: 'auth', status: response.status });
    }
    const answer = readAnswer(response);
    const reason = answer.ok ? 'the server did not return a login token' : answer.error;
    throw new RocketChatError(`login as ${user} failed: ${reason}`, {
        kind: answer.ok || answer.kind === 'rejected' ? 'auth' : answer.kind,
        status: response.status
    });
}
async function logout(api, hooks) {
    const { masked } = api.destination;
    try {
        const response = await rest_call(api, 'POST', 'logout', undefined, true);
        // Any 2xx is a logout: 7.4+ servers answer with an empty body.
        if (response.status < 200 || response.status >= 300) {
            hooks.onWarning(`logout from ${masked} failed: HTTP ${response.status}`);
        }
    }
    catch (error) {
        hooks.onWarning(`logout from ${masked} failed: ${(0,error_message/* errorMessage */.g)(error)}`);
    }
}
/** The room id a target names, or why it has none. */
async function roomOrFailure(api, target, known) {
    try {
        return ((target.kind === 'channel' ? known.get(target.name) : undefined) ??
            (await roomOf(api, target)));
    }
    catch (error) {
        return failedBy(error);
    }
}
/** Posts into the keyed thread of each room (thread-root.ts), through this session. */
function threadPoster(api, thread, hooks) {
    const session = {
        destination: api.destination,
        userId: api.headers['x-user-id'] ?? '',
        call: (method, path, body, replayable) => rest_call(api, method, path, body, replayable),
        postAll: (roomId, posts) => postAll(api, roomId, posts),
        warn: hooks.onWarning,
        planning: api.sender.plan !== undefined
    };
    return (roomId, posts) => thread.inPlace
        ? postInPlace(session, roomId, posts, thread, thread.inPlace)
        : postInThread(session, roomId, posts, thread);
}
/** Every post in order into one room; the first one's ids are the target's. */
async function postAll(api, roomId, posts) {
    let first;
    for (const [index, post] of posts.entries()) {
        const outcome = await sendOnce(api, roomId, post);
        if (outcome.outcome !== 'delivered')
            return inPart(outcome, index, posts.length);
        first ??= outcome;
    }
    return first ?? { outcome: 'delivered' };
}
/**
 * One post under an id of ours, stored at most once whatever happens to its answer. The request
 * is safe to repeat, so the transport may send it again after a lost answer; a repeat of a stored
 * id is refused (and stores nothing), so a refusal or a lost answer is settled by asking for the id.
 * A lost answer whose id the server does not have (yet) is sent once more under the same id before
 * giving up: the first request may still be on its way, and whichever arrives first is the only copy.
 * When even that is lost and not found, the message may still arrive: `unconfirmed`, as a webhook's.
 */
async function sendOnce(api, roomId, post) {
    const id = messageId();
    const first = await sendUnder(api, id, roomId, post);
    if (first.outcome !== 'lost-not-found')
        return first.outcome;
    const again = await sendUnder(api, id, roomId, post);
    // The first request may still be on its way: only a message the server has settles it now.
    if (again.outcome !== 'lost-not-found' && again.found)
        return again.outcome;
    const words = failureWords(again.outcome === 'lost-not-found' ? again.failure : again.outcome);
    return {
        outcome: 'unconfirmed',
        reason: `${failureWords(first.failure)}; sent again under the same id: ${words}; the server did not have it when asked: ` +
            'the message may have arrived, so it was not sent again'
    };
}
/** One `chat.sendMessage` of the id, settled by `chat.getMessage` when refused or lost. */
async function sendUnder(api, id, roomId, post) {
    const { text, ...look } = post;
    let failure;
    let lost;
    try {
        const response = await rest_call(api, 'POST', 'chat.sendMessage', { message: { _id: id, rid: roomId, msg: text, ...look } }, true);
        const answer = readAnswer(response);
        if (answer.ok)
            return { outcome: delivered(answer.body, id, roomId), found: true };
        // Even a 401 or a 429 may answer the transport's repeat of a post whose first answer was lost.
        failure = refusedBy(answer);
        lost = response.earlierMayHaveArrived === true;
    }
    catch (error) {
        if (!mayHaveArrived(error))
            return { outcome: failedBy(error), found: false };
        failure = failedBy(error);
        lost = true;
    }
    let stored;
    try {
        stored = await findMessage(api, id);
    }
    catch (error) {
        if (!lost)
            return { outcome: failure, found: false };
        return {
            found: false,
            outcome: {
                outcome: 'unconfirmed',
                reason: `${failureWords(failure)}; asking whether it arrived failed too (${(0,error_message/* errorMessage */.g)(error)}): not sent again`
            }
        };
    }
    if (stored === undefined) {
        return lost ? { outcome: 'lost-not-found', failure } : { outcome: failure, found: false };
    }
    if (stored.roomId !== roomId || stored.authorId !== api.headers['x-user-id']) {
        return {
            found: true,
            outcome: {
                outcome: 'failed',
                kind: 'rejected',
                error: `the server answered for our message id with a message ${stored.roomId === roomId ? 'of another user' : 'in another room'}: ` +
                    'not counted as delivered'
            }
        };
    }
    return { outcome: { outcome: 'delivered', messageId: id, roomId }, found: true };
}
function delivered(body, id, roomId) {
    const stored = (0,is_object/* isObject */.G)(body.message) ? body.message : {};
    return {
        outcome: 'delivered',
        messageId: typeof stored._id === 'string' ? stored._id : id,
        roomId: typeof stored.rid === 'string' ? stored.rid : roomId
    };
}
/** A message by its id, or undefined when the server has no such message. */
async function findMessage(api, msgId) {
    const response = await rest_call(api, 'GET', `chat.getMessage?msgId=${encodeURIComponent(msgId)}`);
    const answer = readAnswer(response);
    if (!answer.ok) {
        // `{success:false}` and nothing else is the server's "no such message".
        if (answer.status === 400)
            return undefined;
        throw new RocketChatError(answer.error, { kind: answer.kind, status: answer.status });
    }
    const { roomId, authorId, threadId } = storedMessage(answer.body);
    return roomId === undefined ? undefined : { roomId, authorId, threadId };
}
/** The most subscriptions read from one answer: far more than a bot is in, and a bound on junk. */
const MAX_SUBSCRIPTIONS = 10_000;
/**
 * The room ids of the destination's `#channel` targets that the user is in, in one request when
 * there are two or more (one is a single `rooms.info` either way). A name is matched exactly, as
 * `rooms.info?roomName=` matches it; a channel missing here (a public one the user may post to
 * without being in it, or any failure of this request) is looked up on its own afterwards.
 */
async function knownChannels(api, targets, limit) {
    const wanted = new Set(targets.flatMap(target => (target.kind === 'channel' ? [target.name] : [])));
    if (wanted.size < 2)
        return new Map();
    try {
        return await limit(() => subscribedRooms(api, wanted));
    }
    catch {
        return new Map();
    }
}
/**
 * Room ids by name from `subscriptions.get`. A direct room's subscription is named after the other
 * user, not the room, and `rooms.info` refuses an archived room: both are left to the fallback, as
 * is a name listed twice.
 */
async function subscribedRooms(api, wanted) {
    const answer = readAnswer(await rest_call(api, 'GET', 'subscriptions.get'));
    const list = answer.ok && Array.isArray(answer.body.update) ? answer.body.update : [];
    const rooms = new Map();
    const twice = new Set();
    for (const entry of list.slice(0, MAX_SUBSCRIPTIONS)) {
        if (!(0,is_object/* isObject */.G)(entry))
            continue;
        const { rid, name, t, archived } = entry;
        if (typeof rid !== 'string' || rid === '' || typeof name !== 'string')
            continue;
        if (typeof t !== 'string' || t === 'd' || archived === true || !wanted.has(name))
            continue;
        if (rooms.has(name))
            twice.add(name);
        rooms.set(name, rid);
    }
    for (const name of twice)
        rooms.delete(name);
    return rooms;
}
/** The room id a target names: looked up for a channel name, the direct room for a user. */
async function roomOf(api, target) {
    if (target.kind === 'room')
        return target.id;
    const response = target.kind === 'channel'
        ? await rest_call(api, 'GET', `rooms.info?roomName=${encodeURIComponent(target.name)}`)
        : await rest_call(api, 'POST', 'im.create', { username: target.name }, true);
    const answer = readAnswer(response);
    const room = answer.ok && (0,is_object/* isObject */.G)(answer.body.room) ? answer.body.room._id : undefined;
    if (typeof room === 'string')
        return room;
    if (!answer.ok && (answer.kind === 'auth' || answer.kind === 'rate-limit')) {
        throw new RocketChatError(answer.error, { kind: answer.kind, status: answer.status });
    }
    const what = `${target.kind === 'channel' ? 'channel' : 'user'} ${describeTarget(target)}`;
    throw new RocketChatError(`${what} not found or not allowed: ${answer.ok ? 'no room in the answer' : answer.error}`, { kind: 'not-found', ...(answer.ok ? {} : { status: answer.status }) });
}
async function replyInThread(api, parentId, posts) {
    try {
        return await postAll(api, await parentRoom(api, parentId), posts);
    }
    catch (error) {
        return failedBy(error);
    }
}
/** The edit, and the thread the edited message is a reply in (its files go there too). */
async function updateMessage(api, msgId, posts) {
    try {
        const { roomId, threadId } = await rest_parent(api, msgId);
        // An edit replaces the text only: servers refuse (7.x) or drop (8.x) attachments in chat.update.
        const text = posts.map(post => post.text).join('\n');
        const answer = readAnswer(await rest_call(api, 'POST', 'chat.update', { roomId, msgId, text }, true));
        if (!answer.ok)
            return { outcome: refusedBy(answer) };
        return { outcome: { outcome: 'updated', messageId: msgId, roomId }, threadId };
    }
    catch (error) {
        return { outcome: failedBy(error) };
    }
}
/** Finds the room of a message: `tmid` and `chat.update` both need the room id, not a name. */
async function parentRoom(api, msgId) {
    return (await rest_parent(api, msgId)).roomId;
}
async function rest_parent(api, msgId) {
    const found = await findMessage(api, msgId);
    if (found !== undefined)
        return found;
    throw new RocketChatError(`message ${msgId} not found`, { kind: 'not-found' });
}
function rest_call(api, method, path, body, replayable = method === 'GET') {
    return api.sender.send({
        method,
        url: `${api.destination.baseUrl}/api/v1/${path}`,
        headers: api.headers,
        ...(body === undefined ? {} : { body }),
        replayable
    }, api.destination);
}
/** The alphabet of Rocket.Chat's own message ids (Meteor's `Random.id()`). */
const rest_ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';
/** A fresh 17-character message id, as the server would make one: ~99 bits of randomness. */
function messageId() {
    let id = '';
    for (let i = 0; i < 17; i++)
        id += rest_ID_ALPHABET[(0,external_node_crypto_.randomInt)(rest_ID_ALPHABET.length)] ?? '';
    return id;
}

;// CONCATENATED MODULE: ./src/rocketchat/concurrency.ts
/** A bound on how many tasks run at once, shared by every destination of a run. */
function concurrencyLimit(max) {
    let running = 0;
    const waiting = [];
    return async (task) => {
        if (running >= max)
            await new Promise(resolve => waiting.push(resolve));
        running++;
        try {
            return await task();
        }
        finally {
            running--;
            waiting.shift()?.();
        }
    };
}

;// CONCATENATED MODULE: external "node:timers/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");
// EXTERNAL MODULE: ./node_modules/undici/lib/dispatcher/agent.js
var agent = __nccwpck_require__(7405);
var agent_default = /*#__PURE__*/__nccwpck_require__.n(agent);
// EXTERNAL MODULE: ./node_modules/undici/lib/dispatcher/pool.js
var pool = __nccwpck_require__(628);
var pool_default = /*#__PURE__*/__nccwpck_require__.n(pool);
// EXTERNAL MODULE: ./node_modules/undici/lib/dispatcher/proxy-agent.js
var proxy_agent = __nccwpck_require__(6672);
var proxy_agent_default = /*#__PURE__*/__nccwpck_require__.n(proxy_agent);
// EXTERNAL MODULE: ./node_modules/undici/lib/api/api-connect.js
var api_connect = __nccwpck_require__(2279);
var api_connect_default = /*#__PURE__*/__nccwpck_require__.n(api_connect);
// EXTERNAL MODULE: ./node_modules/undici/lib/dispatcher/dispatcher.js
var dispatcher = __nccwpck_require__(883);
var dispatcher_default = /*#__PURE__*/__nccwpck_require__.n(dispatcher);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __nccwpck_require__(7030);
;// CONCATENATED MODULE: ./src/rocketchat/transport/no-proxy.ts
/**
 * Which proxy a request takes: the one rule for every request of a run (posts, room look-ups, and
 * the action's GitHub API calls, which ask this module too). `NO_PROXY` is read as curl and Go read
 * it, the de-facto semantics no single package covers (undici and Node's own support have no CIDR,
 * proxy-from-env neither, and both match `0.0.1` against `127.0.0.1`):
 *
 * - `*`: nothing goes through the proxy;
 * - `example.com`, `.example.com`, `*.example.com`: that name and every name under it;
 * - `host:port`, `[v6]:port`: only on that port (the scheme's default when the URL gives none);
 * - `10.1.2.3`, `::1`, `[::1]`: that address, compared as an address (`0:0::1` is `::1`);
 * - `10.0.0.0/8`, `fd00::/8`: every address in the block.
 *
 * Names are never resolved: an address entry matches a URL that names the address, as in curl.
 * Addresses are compared by node:net's BlockList, Node's own address and subnet matcher.
 */


/**
 * The proxy a request to `url` goes through, or undefined for a direct connection. As curl and
 * undici do, https falls back to the http proxy when it has none of its own.
 */
function proxyFor(url, settings) {
    if (!settings)
        return undefined;
    const https = url.protocol === 'https:';
    const raw = (https ? settings.httpsProxy || settings.httpProxy : settings.httpProxy)?.trim();
    if (!raw || bypassed(url, settings.noProxy))
        return undefined;
    return proxyUrl(raw, https ? 'https' : 'http');
}
/**
 * Throws one clear error when a proxy setting is not a URL, so a run fails once, before sending,
 * instead of every target failing alike. The value is never echoed: it may hold a password.
 */
function checkProxySettings(settings) {
    if (settings?.httpProxy?.trim())
        proxyUrl(settings.httpProxy.trim(), 'http');
    if (settings?.httpsProxy?.trim())
        proxyUrl(settings.httpsProxy.trim(), 'https');
}
function proxyUrl(raw, scheme) {
    let url;
    try {
        url = new URL(raw.includes('://') ? raw : `http://${raw}`);
    }
    catch {
        url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
        throw new RocketChatError(`the ${scheme} proxy setting (${scheme}_proxy) is not an http:// or https:// URL with a host`, { kind: 'rejected' });
    }
    return url;
}
/** Whether `noProxy` sends `url` straight to its host. */
function bypassed(url, noProxy) {
    if (!noProxy)
        return false;
    const host = url.hostname
        .toLowerCase()
        .replace(/^\[|\]$/g, '')
        .replace(/\.$/, '');
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    const family = ipFamily(host);
    for (const raw of noProxy.toLowerCase().split(/[\s,]+/)) {
        if (raw === '')
            continue;
        if (raw === '*')
            return true;
        const { name, entryPort } = no_proxy_splitPort(raw);
        if (entryPort !== undefined && entryPort !== port)
            continue;
        const slash = name.indexOf('/');
        if (slash >= 0) {
            if (family && inBlock(host, family, name.slice(0, slash), name.slice(slash + 1)))
                return true;
            continue;
        }
        const entryFamily = ipFamily(name);
        if (entryFamily || family) {
            // An address matches only the same address: never a suffix of one.
            if (family && entryFamily === family && sameAddress(host, name, family))
                return true;
            continue;
        }
        const domain = name.replace(/^\*?\./, '').replace(/\.$/, '');
        if (domain !== '' && (host === domain || host.endsWith(`.${domain}`)))
            return true;
    }
    return false;
}
/** `host`, `host:port`, `[v6]`, `[v6]:port`, or a bare IPv6 address (which has no port). */
function no_proxy_splitPort(entry) {
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed)
        return { name: bracketed[1] ?? '', entryPort: bracketed[2] };
    const parts = entry.split(':');
    if (parts.length === 2 && /^\d+$/.test(parts[1] ?? '')) {
        return { name: parts[0] ?? '', entryPort: parts[1] };
    }
    return { name: entry, entryPort: undefined };
}
function ipFamily(host) {
    const version = (0,external_node_net_.isIP)(host);
    return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
}
function sameAddress(host, entry, family) {
    const list = new external_node_net_.BlockList();
    list.addAddress(entry, family);
    return list.check(host, family);
}
function inBlock(host, family, network, bits) {
    const prefix = Number(bits);
    if (ipFamily(network) !== family || !/^\d+$/.test(bits))
        return false;
    if (prefix > (family === 'ipv4' ? 32 : 128))
        return false;
    const list = new external_node_net_.BlockList();
    list.addSubnet(network, prefix, family);
    return list.check(host, family);
}

;// CONCATENATED MODULE: ./src/rocketchat/transport/dispatcher.ts






// undici's index.js gives every dispatcher its API methods; a ProxyAgent opens its tunnels with
// `connect`, the one this stack needs.
Object.assign((dispatcher_default()).prototype, { connect: (api_connect_default()) });
/** Free sockets are dropped before a typical server's 5 s keep-alive closes them under a request. */
const FREE_SOCKET_MS = 4000;
/**
 * An undici `Agent` whose pool for each origin is direct, or the `ProxyAgent` NO_PROXY leaves it
 * to (one per proxy): closing or destroying it closes them all.
 */
function createDispatcher(settings) {
    const proxies = new Map();
    const throughProxy = (proxy) => {
        let agent = proxies.get(proxy.href);
        if (!agent) {
            agent = new (proxy_agent_default())({
                ...agentOptions(settings),
                uri: proxy.href,
                requestTls: tls(settings),
                // The connection to the proxy, and its answer to CONNECT, each within the connect timeout.
                proxyTls: { timeout: settings.connectMs },
                clientFactory: (origin, options) => new (pool_default())(origin, { ...options, headersTimeout: settings.connectMs })
            });
            proxies.set(proxy.href, agent);
        }
        return agent;
    };
    return new (agent_default())({
        ...agentOptions(settings),
        factory: (origin, options) => {
            const proxy = proxyFor(new URL(String(origin)), settings.proxy);
            return proxy ? throughProxy(proxy) : new (pool_default())(origin, options);
        }
    });
}
function agentOptions(settings) {
    return {
        connect: tls(settings),
        headersTimeout: settings.answerMs,
        bodyTimeout: settings.answerMs,
        keepAliveTimeout: FREE_SOCKET_MS,
        keepAliveMaxTimeout: FREE_SOCKET_MS
    };
}
/** TLS options for the server (direct, or inside the tunnel); `timeout` bounds the handshake too. */
function tls(settings) {
    const { ca, rejectUnauthorized, connectMs } = settings;
    return {
        timeout: connectMs,
        rejectUnauthorized,
        ...(ca === undefined ? {} : { ca: trustedRoots(ca) })
    };
}
/** Passing `ca` replaces Node's trust store, so the system roots are kept beside the caller's. */
function trustedRoots(caCert) {
    return [...process.getBuiltinModule('node:tls').rootCertificates, caCert];
}

;// CONCATENATED MODULE: ./src/rocketchat/transport/exchange.ts

/** A Rocket.Chat answer is a few KiB; past this the rest is abandoned, decoded size counted. */
const MAX_ANSWER_BYTES = 1024 * 1024;
class AttemptFailure extends Error {
    failure;
    sent;
    status;
    wholeSent;
    name = 'AttemptFailure';
    constructor(message, failure, 
    /** Whether the request's bytes may have reached the server. */
    sent, 
    /** The answer's status, when its headers came before the failure. */
    status, cause, 
    /** Whether the whole request, body included, had left when it failed. */
    wholeSent = false) {
        super(message, cause === undefined ? undefined : { cause });
        this.failure = failure;
        this.sent = sent;
        this.status = status;
        this.wholeSent = wholeSent;
    }
}
function exchange(x) {
    return new Promise((resolve, reject) => {
        const streamed = typeof x.body === 'object' ? x.body : undefined;
        const headers = { ...x.headers };
        if (streamed)
            headers['content-length'] = String(streamed.length);
        let source;
        let sourceError;
        /** The request has its connection: from here on its bytes may reach the server. */
        let connected = false;
        /** Its last byte has left: the wait for the answer runs from here. */
        let wholeSent = false;
        let status;
        let answerHeaders = {};
        let abortRequest;
        let timer;
        let decoder;
        let settled = false;
        const chunks = [];
        let size = 0;
        const settle = () => {
            if (settled)
                return false;
            settled = true;
            clearTimeout(timer);
            x.signal?.removeEventListener('abort', onAbort);
            return true;
        };
        const fail = (failure) => {
            if (!settle())
                return;
            // Aborting destroys the connection: an abandoned answer is never read on.
            abortRequest?.(failure);
            decoder?.destroy();
            source?.destroy();
            reject(failure);
        };
        const wait = (ms, why) => {
            clearTimeout(timer);
            timer = setTimeout(() => {
                fail(why());
            }, ms);
        };
        const noAnswer = () => new AttemptFailure(`no answer within ${seconds(x.answerMs)} s`, 'read-timeout', true, status, undefined, wholeSent);
        const onAbort = () => {
            fail(new AttemptFailure('the time allowed for sending ran out', 'aborted', connected, status, x.signal?.reason, wholeSent));
        };
        const take = (chunk) => {
            size += chunk.length;
            if (size > MAX_ANSWER_BYTES) {
                const cap = `${MAX_ANSWER_BYTES / 1024 / 1024} MiB`;
                fail(new AttemptFailure(`answer larger than ${cap}: abandoned`, 'too-large', true, status));
            }
            else {
                chunks.push(chunk);
            }
        };
        const finish = () => {
            if (!settle())
                return;
            resolve({
                status: status ?? 0,
                headers: answerHeaders,
                text: Buffer.concat(chunks).toString('utf8')
            });
        };
        // undici calls onRequestSent (core/request.js) though its types leave it out.
        const handler = {
            onConnect: abort => {
                abortRequest = abort;
                // Given up before the connection was ready (the caller's signal): nothing is written.
                if (settled) {
                    abort();
                    return;
                }
                connected = true;
                if (streamed)
                    wait(x.stallMs, stalled);
            },
            onBodySent: () => {
                if (!wholeSent && !settled)
                    wait(x.stallMs, stalled);
            },
            onRequestSent: () => {
                wholeSent = true;
                if (!settled)
                    wait(x.answerMs, noAnswer);
            },
            onHeaders: (statusCode, rawHeaders) => {
                // An interim answer (102, 103): the real one follows.
                if (statusCode < 200)
                    return true;
                status = statusCode;
                answerHeaders = flattenHeaders(rawHeaders);
                const encoding = answerHeaders['content-encoding'] ?? '';
                decoder = decoderFor(encoding);
                if (decoder) {
                    decoder.on('data', take);
                    decoder.on('end', finish);
                    decoder.on('error', () => {
                        fail(new AttemptFailure(`the ${encoding} answer could not be decoded`, 'undecodable', true, status));
                    });
                }
                return true;
            },
            onData: chunk => {
                if (decoder)
                    decoder.write(chunk);
                else
                    take(chunk);
                return true;
            },
            onComplete: () => {
                if (decoder)
                    decoder.end();
                else
                    finish();
            },
            onError: error => {
                fail(sourceError !== undefined
                    ? new AttemptFailure(`the body could not be read: ${(0,error_message/* errorMessage */.g)(sourceError)}`, 'other', connected, status, sourceError, wholeSent)
                    : connected
                        ? lost(error, status, x.answerMs, wholeSent)
                        : notSent(error, x));
            }
        };
        const stalled = () => new AttemptFailure(`sending stalled: no progress within ${seconds(x.stallMs)} s`, 'read-timeout', true, status);
        if (x.signal?.aborted) {
            onAbort();
            return;
        }
        x.signal?.addEventListener('abort', onAbort, { once: true });
        if (streamed) {
            source = streamed.open();
            source.once('error', error => {
                sourceError = error;
            });
        }
        x.dispatcher.dispatch({
            origin: x.url.origin,
            path: `${x.url.pathname}${x.url.search}`,
            method: x.method,
            headers,
            body: source ?? (typeof x.body === 'string' ? x.body : null),
            // undici's own answer timers, behind ours: ours name the budget the user gave.
            headersTimeout: x.answerMs + x.stallMs,
            bodyTimeout: x.answerMs + x.stallMs
        }, handler);
    });
}
function seconds(ms) {
    return Math.round(ms) / 1000;
}
/** An error after the request was handed its connection: the server may have it. */
function lost(error, status, answerMs, wholeSent) {
    const code = errorCode(error);
    const failure = (message, why) => new AttemptFailure(message, why, true, status, error, wholeSent);
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
        return failure(`no answer within ${seconds(answerMs)} s`, 'read-timeout');
    }
    if (status !== undefined)
        return failure('the answer was cut short', 'cut');
    if (code === 'ECONNRESET' ||
        code === 'EPIPE' ||
        code === 'ECONNABORTED' ||
        code === 'UND_ERR_SOCKET' ||
        code === 'UND_ERR_CLOSED') {
        return failure('connection closed by the server before it answered', 'reset');
    }
    return failure(`request failed: ${code ? `${code} ` : ''}${(0,error_message/* errorMessage */.g)(error)}`, 'other');
}
const UNTRUSTED = new Set([
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'UNABLE_TO_GET_ISSUER_CERT',
    'CERT_HAS_EXPIRED',
    'CERT_NOT_YET_VALID',
    'CERT_UNTRUSTED',
    'ERR_TLS_CERT_ALTNAME_INVALID'
]);
/**
 * A failure before the request had its connection, in words a user can act on; never the URL
 * (webhook paths are secret). Nothing was written: sending again is safe whatever the request.
 */
function notSent(error, x) {
    const failure = (message, why) => new AttemptFailure(message, why, false, undefined, error);
    const codes = errorCodes(error);
    const code = codes[0];
    const untrusted = codes.find(c => UNTRUSTED.has(c));
    if (untrusted) {
        return failure(`TLS certificate not trusted (${untrusted}): give the server's CA in ca-cert, or add ?verify=no to the URL`, 'tls-untrusted');
    }
    const within = `within ${seconds(x.connectMs)} s`;
    if (code === 'UND_ERR_INVALID_ARG')
        return failure(`request not sent: ${error.message}`, 'other');
    if (code === 'UND_ERR_DESTROYED' || code === 'UND_ERR_CLOSED') {
        return failure('the transport was closed while connecting', 'aborted');
    }
    if (codes.some(c => /^(ERR_SSL_|ERR_TLS_|EPROTO$)/.test(c))) {
        return failure(`TLS handshake failed: ${code ?? 'connection closed'}`, 'tls');
    }
    const { proxy } = x;
    if (proxy) {
        const name = `proxy ${proxy.host}`;
        const refusedWith = /Proxy response \((\d+)\)/.exec(error.message)?.[1];
        if (refusedWith !== undefined) {
            return failure(`the ${name} refused the tunnel: HTTP ${refusedWith}`, 'proxy');
        }
        const atProxy = error.message.includes(`${proxy.hostname.replace(/^\[|\]$/g, '')}:${proxyPort(proxy)}`);
        if (code === 'UND_ERR_HEADERS_TIMEOUT' || (code === 'UND_ERR_CONNECT_TIMEOUT' && atProxy)) {
            return failure(`the ${name} did not open a tunnel ${within}`, 'connect-timeout');
        }
        if (code === 'UND_ERR_CONNECT_TIMEOUT')
            return failure(`no TLS handshake ${within}`, 'connect-timeout');
        if (code === 'ECONNREFUSED')
            return failure(`the ${name} refused the connection`, 'proxy');
        return failure(`the ${name} failed: ${code ?? 'closed'}`, code === 'ENOTFOUND' ? 'unknown-host' : 'proxy');
    }
    switch (code) {
        case 'ENOTFOUND':
            return failure('host name not found', 'unknown-host');
        case 'EAI_AGAIN':
            return failure('host name lookup failed for now (EAI_AGAIN)', 'dns');
        case 'UND_ERR_CONNECT_TIMEOUT':
            return failure(`no connection ${within}`, 'connect-timeout');
        case 'ETIMEDOUT':
            return failure('no connection: the network timed out', 'connect-timeout');
        case 'ECONNREFUSED':
            return failure('connection refused', 'refused');
        default:
            return failure(`no connection: ${code ?? 'closed'}`, 'refused');
    }
}
function proxyPort(proxy) {
    return proxy.port || (proxy.protocol === 'https:' ? '443' : '80');
}
/** gzip, deflate and br as HTTP names them; node:zlib loads only when an answer is compressed. */
function decoderFor(encoding) {
    const name = encoding.trim().toLowerCase();
    if (name === '' || name === 'identity')
        return undefined;
    const zlib = process.getBuiltinModule('node:zlib');
    switch (name) {
        case 'gzip':
        case 'x-gzip':
            return zlib.createGunzip();
        case 'deflate':
            return zlib.createInflate();
        case 'br':
            return zlib.createBrotliDecompress();
        default:
            // An encoding we cannot read: the raw bytes are not a Rocket.Chat answer, and say so.
            return undefined;
    }
}
/** undici's raw headers, name and value in turn, as one lower-case name each. */
function flattenHeaders(raw) {
    const out = {};
    if (!raw)
        return out;
    for (let i = 0; i + 1 < raw.length; i += 2) {
        const name = String(raw[i]).toLowerCase();
        const value = String(raw[i + 1]);
        out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`;
    }
    return out;
}
function errorCodes(error) {
    const codes = [];
    for (let e = error; e instanceof Error; e = e.cause) {
        const code = e.code;
        if (typeof code === 'string')
            codes.push(code);
    }
    return codes;
}
function errorCode(error) {
    return errorCodes(error)[0];
}

;// CONCATENATED MODULE: ./src/rocketchat/transport/retry-policy.ts
/** Enough to ride out several rate-limit windows; the caller's signal bounds the time. */
const MAX_RATE_LIMIT_RETRIES = 20;
/** No single wait is longer, whatever a server asks: a notifier must not sleep for an hour. */
const MAX_WAIT_MS = 60_000;
const MAX_BACKOFF_MS = 10_000;
/** A server whose clock runs behind is not asked again in a tight loop. */
const MIN_RATE_LIMIT_WAIT_MS = 50;
/**
 * Answers that say the request was not processed (RFC 9110 \u00a715.6.4, \u00a715.5.29): a 503 from
 * Rocket.Chat (a server starting, a disabled integration) or from a proxy in front of it (nginx's
 * maintenance page, `limit_req`, no live upstream; a load balancer with no healthy target), and a
 * 429. Nothing was stored, so any request, a webhook post included, may be sent again.
 */
const NOT_PROCESSED = new Set([429, 503]);
/** A gateway's 502 or 504: the server behind it may have stored the request; its answer is lost. */
const GATEWAY_LOST = new Set([502, 504]);
const BEFORE_SEND_FINAL = new Set(['unknown-host', 'tls-untrusted']);
/** Whether an answer with this status says the server did not act on the request. */
function notProcessed(status) {
    return NOT_PROCESSED.has(status);
}
function decide(attempt) {
    const { outcome, replayable } = attempt;
    const canRetry = attempt.faultRetries < attempt.retries;
    const backoff = () => ({
        do: 'retry',
        waitMs: Math.round(attempt.jitter * Math.min(MAX_BACKOFF_MS, attempt.backoffMs * 2 ** attempt.faultRetries)),
        spends: 'fault'
    });
    if (outcome.type === 'answer') {
        const { status, rocketChat } = outcome;
        // A 429 is the server pacing us, not a fault: nothing was stored.
        if (status === 429) {
            if (attempt.rateLimitRetries >= MAX_RATE_LIMIT_RETRIES)
                return { do: 'return' };
            const asked = outcome.serverWaitMs ?? 1000;
            return {
                do: 'retry',
                waitMs: Math.min(MAX_WAIT_MS, Math.max(MIN_RATE_LIMIT_WAIT_MS, asked)),
                spends: 'rate-limit'
            };
        }
        // A 503, whoever sent it, stored nothing: sent again within `retries`, after `Retry-After`.
        if (status === 503) {
            if (!canRetry)
                return { do: 'return' };
            return outcome.serverWaitMs === undefined
                ? backoff()
                : { do: 'retry', waitMs: Math.min(MAX_WAIT_MS, outcome.serverWaitMs), spends: 'fault' };
        }
        // A proxy's 502/504 page: the server behind it may have stored the post, the answer is lost.
        // Once the retries are spent it stays what it is, a lost answer, whatever the request.
        if (GATEWAY_LOST.has(status) && !rocketChat) {
            if (replayable && canRetry)
                return backoff();
            return { do: 'throw', kind: 'network', mayHaveArrived: true };
        }
        // Everything else was the server's word, read whole: a 500 to a post may have stored it.
        return { do: 'return' };
    }
    const { failure, sent } = outcome;
    const kind = failureKind(failure);
    if (failure === 'aborted')
        return { do: 'throw', kind, mayHaveArrived: sent };
    if (!sent) {
        // Provably never reached the server: safe to repeat for any request, unless repeating
        // cannot help (a name that does not exist, a certificate that is not trusted).
        if (BEFORE_SEND_FINAL.has(failure) || failure === 'other' || !canRetry) {
            return { do: 'throw', kind, mayHaveArrived: false };
        }
        return backoff();
    }
    // The answer was lost after the send: only a request that is harmless twice is sent again.
    if (replayable && canRetry && failure !== 'other')
        return backoff();
    return { do: 'throw', kind, mayHaveArrived: true };
}
function failureKind(failure) {
    switch (failure) {
        case 'connect-timeout':
        case 'read-timeout':
        case 'aborted':
            return 'timeout';
        case 'tls':
        case 'tls-untrusted':
            return 'tls';
        default:
            return 'network';
    }
}
/**
 * Milliseconds the server asked us to wait, or undefined when it said nothing. Read from
 * `X-RateLimit-Reset` by magnitude (Rocket.Chat sends epoch milliseconds, others epoch seconds or
 * seconds from now), then `Retry-After` (seconds or an HTTP date), then Rocket.Chat's error text.
 */
function serverWaitMs(headers, text, now = Date.now()) {
    const reset = resetTime(headers['x-ratelimit-reset'], now);
    if (reset !== undefined)
        return Math.max(0, reset - now);
    const retryAfter = headers['retry-after']?.trim();
    if (retryAfter) {
        if (/^\d+$/.test(retryAfter))
            return Number(retryAfter) * 1000;
        const date = Date.parse(retryAfter);
        if (Number.isFinite(date))
            return Math.max(0, date - now);
    }
    const said = /wait (\d+) seconds/.exec(text);
    return said ? Number(said[1]) * 1000 : undefined;
}
/** Epoch ms when a rate-limit window resets, from an `X-RateLimit-Reset` value of any common unit. */
function resetTime(value, now = Date.now()) {
    if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value))
        return undefined;
    const n = Number(value);
    if (n >= 1e11)
        return n; // epoch milliseconds (past 1973)
    if (n >= 1e8)
        return n * 1000; // epoch seconds (past 1973)
    return now + n * 1000; // seconds from now
}

;// CONCATENATED MODULE: ./src/rocketchat/transport.ts






const REAL_CLOCK = {
    now: () => Date.now(),
    sleep: (ms, signal) => (0,promises_namespaceObject.setTimeout)(ms, undefined, signal ? { signal } : {})
};
/** The longest timeout a request gets, whatever it is given. */
const MAX_TIMEOUT_S = 600;
const DEFAULT_USER_AGENT = 'rocketchat-notify';
const DEFAULTS = {
    timeout: 10,
    retries: 2,
    userAgent: DEFAULT_USER_AGENT,
    backoffMs: 500,
    uploadBytesPerSecond: 16 * 1024,
    clock: REAL_CLOCK
};
/**
 * Sends requests with timeouts that cover the whole answer, TLS options, proxies, retries that
 * never repeat a post the server may have stored (test/retry-policy.test.ts has the rules), and
 * waits that respect Rocket.Chat's rate-limit headers. One instance serves a run so connections
 * to the same server are reused.
 *
 * One HTTP stack, undici's dispatchers, for every request of a run (the GitHub lookups use the
 * same `createDispatcher`): undici hands a request its connection only once it is ready, so a
 * connection that never opened is told from an answer that was lost. What no library knows stays
 * here: the retry table, the NO_PROXY rule, exactly-once settling, size caps and decoding.
 */
class Transport {
    #options;
    /** One dispatcher per TLS setting and connect timeout (`verify=`, `cto=`): undici's options are per dispatcher. */
    #dispatchers = new Map();
    /** Per rate-limited route: when its window resets, once the server said none are left. */
    #exhausted = new Map();
    /** Throws a RocketChatError, once, when a proxy setting is not a URL. */
    constructor(options = {}) {
        checkProxySettings(options.proxy);
        this.#options = { ...DEFAULTS, ...options };
    }
    async send(req, settings) {
        const route = routeKey(req.url);
        const replayable = req.replayable === true;
        // A streamed body that left whole and got no answer in time may still be being read (the
        // kernel holds what the server has not read yet): sending it again would only compete with it.
        let stillBeingRead = false;
        let faultRetries = 0;
        let rateLimitRetries = 0;
        // Once one attempt may have reached the server, so may the request, whatever later ones say.
        let sentBefore = false;
        for (;;) {
            await this.#waitForWindow(route);
            const tried = await this.#attempt(req, settings, route);
            stillBeingRead ||=
                req.stream !== undefined &&
                    tried.failure?.wholeSent === true &&
                    tried.failure.failure === 'read-timeout';
            const decision = decide({
                replayable: replayable && !stillBeingRead,
                outcome: tried.outcome,
                retries: settings.retry ?? this.#options.retries,
                faultRetries,
                rateLimitRetries,
                backoffMs: this.#options.backoffMs,
                jitter: Math.random()
            });
            // The policy returns only answers; a 'return' without one would be a bug, failed loudly below.
            if (decision.do === 'return' && tried.response) {
                return sentBefore ? { ...tried.response, earlierMayHaveArrived: true } : tried.response;
            }
            if (decision.do !== 'retry') {
                const mayHaveArrived = sentBefore || (decision.do === 'throw' && decision.mayHaveArrived);
                const notAgain = mayHaveArrived && !(replayable && !stillBeingRead);
                throw failed(tried, {
                    kind: decision.do === 'throw' ? decision.kind : 'network',
                    mayHaveArrived,
                    suffix: notAgain ? ' (not sent again: the server may have stored it)' : ''
                });
            }
            if (decision.spends === 'fault')
                faultRetries++;
            else
                rateLimitRetries++;
            sentBefore ||= maySendHaveArrived(tried.outcome);
            await this.#pause(decision.waitMs, () => failed(tried, {
                kind: whileWaiting(tried.outcome),
                mayHaveArrived: sentBefore,
                suffix: ' (gave up: the time allowed for sending ran out)'
            }));
        }
    }
    /** One attempt, as the retry policy sees it, with the answer when there was one. */
    async #attempt(req, settings, route) {
        try {
            const response = withJson(await this.#once(req, settings));
            this.#remember(route, response);
            const wait = serverWaitMs(response.headers, response.text, this.#options.clock.now());
            return {
                response,
                outcome: {
                    type: 'answer',
                    status: response.status,
                    rocketChat: isRocketChatBody(response.json),
                    ...(wait === undefined ? {} : { serverWaitMs: wait })
                }
            };
        }
        catch (error) {
            if (!(error instanceof AttemptFailure))
                throw error;
            return {
                failure: error,
                outcome: { type: 'failure', failure: error.failure, sent: error.sent }
            };
        }
    }
    /** Closes kept-alive connections and any still opening. */
    async close() {
        const dispatchers = [...this.#dispatchers.values()];
        this.#dispatchers.clear();
        await Promise.all(dispatchers.map(dispatcher => dispatcher.destroy()));
    }
    #once(req, settings) {
        const url = new URL(req.url);
        const headers = {
            'user-agent': this.#options.userAgent,
            ...req.headers
        };
        let body;
        if (req.stream !== undefined) {
            body = req.stream;
            headers['content-type'] = req.stream.contentType;
        }
        else if (req.body !== undefined) {
            body = JSON.stringify(req.body);
            headers['content-type'] = 'application/json';
        }
        const timeoutMs = this.#ms(settings.readTimeout);
        const connectMs = this.#ms(settings.connectTimeout);
        const slowLink = req.stream
            ? (req.stream.length / this.#options.uploadBytesPerSecond) * 1000
            : 0;
        return exchange({
            method: req.method,
            url,
            headers,
            body,
            dispatcher: this.#dispatcher(settings.verify, connectMs, timeoutMs),
            proxy: proxyFor(url, this.#options.proxy),
            connectMs,
            answerMs: Math.min(MAX_TIMEOUT_S * 1000, timeoutMs + slowLink),
            stallMs: timeoutMs,
            signal: this.#options.signal
        });
    }
    /** The run's dispatcher for one TLS setting and connect timeout, built on first use. */
    #dispatcher(verify, connectMs, answerMs) {
        const key = `${String(verify)}|${String(connectMs)}`;
        let dispatcher = this.#dispatchers.get(key);
        if (!dispatcher) {
            dispatcher = createDispatcher({
                proxy: this.#options.proxy,
                ca: this.#options.caCert,
                rejectUnauthorized: verify,
                connectMs,
                answerMs
            });
            this.#dispatchers.set(key, dispatcher);
        }
        return dispatcher;
    }
    /** A timeout in ms, bounded as the action's inputs are: Node's timers misfire past 2^31 ms. */
    #ms(seconds) {
        const chosen = seconds !== undefined && seconds > 0 ? seconds : this.#options.timeout;
        return Math.min(MAX_TIMEOUT_S, chosen > 0 ? chosen : DEFAULTS.timeout) * 1000;
    }
    #remember(route, response) {
        const remaining = response.headers['x-ratelimit-remaining'];
        const reset = resetTime(response.headers['x-ratelimit-reset'], this.#options.clock.now());
        if (remaining === '0' && reset !== undefined)
            this.#exhausted.set(route, reset);
        else if (remaining !== undefined)
            this.#exhausted.delete(route);
    }
    /** Waits out an exhausted rate-limit window instead of spending a request on a sure 429. */
    async #waitForWindow(route) {
        const reset = this.#exhausted.get(route);
        if (reset === undefined)
            return;
        const wait = Math.min(MAX_WAIT_MS, reset - this.#options.clock.now());
        if (wait > 0) {
            await this.#pause(wait, () => new RocketChatError('rate limited: the time allowed for sending ran out waiting for the window', {
                kind: 'rate-limit'
            }));
        }
    }
    /** Sleeps, unless the caller's signal ends the wait: then throws what the wait was for. */
    async #pause(ms, giveUp) {
        const { signal, clock } = this.#options;
        if (signal?.aborted)
            throw giveUp();
        try {
            await clock.sleep(ms, signal);
        }
        catch {
            throw giveUp();
        }
    }
}
/** Rate limits are counted per endpoint (and per webhook URL), so waits are tracked the same way. */
function routeKey(url) {
    const { origin, pathname } = new URL(url);
    return origin + pathname;
}
/** The error for an attempt the policy gave up on; its message never holds the URL. */
function failed(tried, how) {
    const status = tried.response?.status ?? tried.failure?.status;
    const what = tried.failure
        ? tried.failure.message
        : tried.outcome.type === 'answer' && tried.outcome.rocketChat
            ? `HTTP ${status ?? 0} from the server`
            : notProcessed(status ?? 0)
                ? `HTTP ${status ?? 0} from a proxy, not Rocket.Chat: the request was not taken`
                : `HTTP ${status ?? 0} from a proxy, not Rocket.Chat: the server's answer was lost`;
    return new RocketChatError(what + how.suffix, {
        kind: how.kind,
        ...(status === undefined ? {} : { status }),
        mayHaveArrived: how.mayHaveArrived,
        cause: tried.failure
    });
}
/** What a wait cut short by the caller's signal was for. */
function whileWaiting(outcome) {
    if (outcome.type === 'failure')
        return failureKind(outcome.failure);
    return outcome.status === 429 ? 'rate-limit' : 'network';
}
/** Whether a retried attempt may have reached the server: a lost answer, or a proxy's 502/504 page. */
function maySendHaveArrived(outcome) {
    if (outcome.type === 'failure')
        return outcome.sent;
    return !notProcessed(outcome.status) && !outcome.rocketChat;
}
/**
 * Rocket.Chat answers JSON (`{success:false,...}`, `{status:'error',...}`, or a bare string on
 * 6.x). A gateway's own JSON (`{"status":503}`) is not one: the server behind it may have acted.
 */
function isRocketChatBody(json) {
    if (typeof json === 'string')
        return true;
    if (typeof json !== 'object' || json === null)
        return false;
    return 'success' in json || json.status === 'error';
}
function withJson(answer) {
    return { ...answer, json: parseJson(answer.text) };
}
function parseJson(text) {
    if (text.length === 0)
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/rocketchat/url/credentials.ts

/** Apprise reads a password longer than 32 characters as a personal access token (token mode). */
const TOKEN_MIN_LENGTH = 33;
const credentials_ALNUM = /^[A-Za-z0-9]+$/;
/** Unreserved URL characters: a webhook half is put into the `/hooks/` path as it is. */
const WEBHOOK_HALF = /^[A-Za-z0-9._~-]+$/;
/** The query's `user=`, `password=` and `webhook=` beat the userinfo; `mode=` beats detection. */
function readCredentials(url, params, fail) {
    if (url.unreadableUserinfo) {
        fail("The credentials before the host's '@' cannot be read: expected user:password@, userId:token@ or [name:]id/token@ (a '/', '#' or '@' in a user name is written %2F, %23 or %40)");
    }
    const infoUser = url.user === undefined ? undefined : decode(url.user);
    const infoSecret = url.secret === undefined ? undefined : decode(url.secret);
    const user = params.user ?? infoUser;
    const forced = params.options.mode;
    // A webhook-shaped secret is the password when mode=basic or mode=token says so.
    const userinfoWebhook = isWebhookShaped(url) || (forced === 'webhook' && infoSecret?.includes('/'))
        ? infoSecret
        : undefined;
    const webhook = params.webhook ?? userinfoWebhook;
    const password = params.password ?? infoSecret;
    const mode = forced ??
        (webhook !== undefined
            ? 'webhook'
            : password !== undefined && Array.from(password).length >= TOKEN_MIN_LENGTH
                ? 'token'
                : 'basic');
    if (mode === 'webhook') {
        checkWebhook(webhook, fail);
        return { mode, user, password: undefined, webhook };
    }
    if (user === undefined || password === undefined) {
        fail(mode === 'basic'
            ? 'No Rocket.Chat user/pass combo was specified: basic mode needs user:password@ before the host'
            : 'No Rocket.Chat user/apikey was specified: token mode needs userId:token@ before the host');
    }
    if (user.includes('/')) {
        // Rocket.Chat user names and ids never have one; this is rather a webhook with a stray ':'.
        fail("Invalid user: a Rocket.Chat user name or id has no '/'");
    }
    return { mode, user, password, webhook: undefined };
}
/**
 * Whether the userinfo secret reads as a webhook by its shape. After a user, only Apprise's
 * alnum/alnum does, since a real password may have a '/' in it; alone, any text with a '/' does
 * (unlike Apprise, `abc-123/def_456@host` is a webhook), since there is no password it could be.
 */
function isWebhookShaped(url) {
    if (url.secret === undefined)
        return false;
    const halves = decode(url.secret).split('/');
    if (halves.length < 2)
        return false;
    return url.user === undefined || (halves.length === 2 && halves.every(h => credentials_ALNUM.test(h)));
}
function checkWebhook(webhook, fail) {
    if (webhook === undefined) {
        fail('No Rocket.Chat Incoming Webhook was specified: webhook mode needs id/token@ before the host, or webhook=id/token');
    }
    const halves = webhook.split('/');
    const [id = '', token = ''] = halves;
    if (halves.length !== 2)
        fail("The webhook must be integrationId/token, with exactly one '/'");
    if (id === '' || token === '') {
        fail(`The webhook's ${id === '' ? "integration id (before the '/')" : "token (after the '/')"} is empty: a webhook is written id/token@host, and text before the @ that contains a '/' is read as one`);
    }
    if (!WEBHOOK_HALF.test(id) || !WEBHOOK_HALF.test(token)) {
        fail("The webhook id and token may only contain letters, digits, '-', '_', '.' and '~'");
    }
}

;// CONCATENATED MODULE: ./src/rocketchat/url/params.ts

const MODES = ['basic', 'token', 'webhook'];
const FORMATS = ['markdown', 'text', 'html'];
const OVERFLOWS = ['upstream', 'truncate', 'split'];
/** The same bound as the action's `retries` input. */
const MAX_RETRY = 10;
/** The same bound as the action's `timeout` input, in seconds. */
const MAX_SECONDS = 600;
/** The order in which a masked URL shows the options given. */
const OPTION_ORDER = [
    'mode',
    'avatar',
    'format',
    'overflow',
    'verify',
    'cto',
    'rto',
    'retry'
];
/** Reads the query. Fails only on a bad `port=`; any other bad value is a warning. */
function readParams(pairs, fail) {
    const last = new Map();
    const to = [];
    const problems = new Set();
    for (const { key, value } of pairs) {
        if (OPTION_KEYS.has(key) || SECRET_KEYS.includes(key)) {
            // Apprise ignores an empty value; for the rest, the last value wins.
            if (value === '')
                continue;
            if (key === 'to')
                to.push(value);
            else
                last.set(key, value);
        }
        else if (APPRISE_ONLY_KEYS.has(key)) {
            problems.add(`Parameter '${key}' is an Apprise option this action does not use; ignored`);
        }
        else if (key !== '') {
            problems.add(`Unknown parameter '${key}' ignored`);
        }
    }
    const choice = (key, allowed, fallback) => {
        const value = last.get(key);
        const found = allowed.find(option => option === value?.toLowerCase());
        if (value !== undefined && found === undefined) {
            problems.add(`Unknown ${key} '${value}' ignored, using ${fallback} (valid: ${allowed.join(', ')})`);
        }
        return found;
    };
    const flag = (key) => {
        const value = last.get(key);
        const parsed = value === undefined ? undefined : parseBoolean(value);
        if (value !== undefined && parsed === undefined) {
            problems.add(`Unknown ${key} '${value}' ignored, using the default (valid: yes or no)`);
        }
        return parsed;
    };
    const number = (key, check, pattern) => {
        const value = last.get(key);
        if (value === undefined)
            return undefined;
        const problem = pattern.test(value) ? check(Number(value)) : check(NaN);
        if (problem === undefined)
            return Number(value);
        problems.add(`Invalid ${key} '${value}' ignored, using the default: ${problem}`);
        return undefined;
    };
    const seconds = (value) => !(value > 0)
        ? 'a number of seconds above 0'
        : value > MAX_SECONDS
            ? `at most ${MAX_SECONDS} seconds`
            : undefined;
    const retries = (value) => value >= 0 && value <= MAX_RETRY ? undefined : `a whole number from 0 to ${MAX_RETRY}`;
    const modeText = last.get('mode');
    const mode = MODES.find(m => m === modeText?.toLowerCase());
    const portText = last.get('port');
    const port = portText === undefined ? undefined : readPort(portText);
    if (portText !== undefined && port === undefined) {
        fail(`Invalid port=${portText}: it must be a number from 1 to 65535`);
    }
    const decimal = /^(?:\d+\.?\d*|\.\d+)$/;
    return {
        options: {
            mode,
            avatar: flag('avatar'),
            format: choice('format', FORMATS, 'markdown'),
            overflow: choice('overflow', OVERFLOWS, 'upstream'),
            verify: flag('verify'),
            cto: number('cto', seconds, decimal),
            rto: number('rto', seconds, decimal),
            retry: number('retry', retries, /^\d+$/)
        },
        port,
        user: last.get('user'),
        password: last.get('password') ?? last.get('pass'),
        webhook: last.get('webhook'),
        to,
        unknownMode: mode === undefined ? modeText : undefined,
        problems: [...problems]
    };
}
/** The options given, in a fixed order and canonical spelling: `mode=basic&avatar=yes&...`. */
function renderOptions(options) {
    return OPTION_ORDER.flatMap(key => {
        const value = options[key];
        if (value === undefined)
            return [];
        return [`${key}=${typeof value === 'boolean' ? (value ? 'yes' : 'no') : value}`];
    }).join('&');
}
/** Apprise's parse_bool: only the first two letters count. Undefined when it is neither. */
function parseBoolean(value) {
    const head = value.toLowerCase().slice(0, 2);
    if (['no', 'n', 'of', 'f', 'fa', '0', 'ne', 'di', 'de'].includes(head))
        return false;
    if (['ye', 'y', 'on', 't', 'tr', '1', 'en', 'al'].includes(head))
        return true;
    return undefined;
}

;// CONCATENATED MODULE: ./src/rocketchat/url/mask.ts
/** What of a URL may be shown: the masked URL, and every form in which its secrets could print. */




const MASK = '****';
/** A parsed URL rendered back with every secret replaced by `****`: what logs and outputs show. */
function renderMasked(scheme, credentials, hostport, targets, options) {
    const user = credentials.user === undefined ? '' : encodeURIComponent(credentials.user);
    const auth = credentials.mode === 'webhook'
        ? `${user === '' ? '' : `${user}:`}${MASK}/${MASK}@`
        : `${user}:${MASK}@`;
    const path = targets.map(describeTarget).join('/');
    const query = renderOptions(options);
    return `${scheme}://${auth}${hostport}/${path}${query === '' ? '' : `?${query}`}`;
}
/**
 * The URL as written, for an error, when no destination exists: only what is surely not a secret
 * is shown. A mangled URL can put a credential anywhere, so besides the password and webhook:
 * - a userinfo that cannot be read, a lone name (it may be a token pasted without its user) and a
 *   user name with a '/' are hidden;
 * - a host with an '@', a '%' or a space is hidden: its '@' follows a separator, so it was not
 *   taken as the userinfo's end, and what is before it may be a credential (`id%2Ftoken @host`);
 * - a port is hidden unless `showablePort` allows it (it may be a password whose '@host' is missing);
 * - without any recognised secret the path is hidden: the credential may have ended up there.
 */
function maskRaw(url) {
    const secret = url.secret === undefined ? undefined : isWebhookShaped(url) ? maskWebhook(url.secret) : MASK;
    // A user name has no '/': one that has is a webhook followed by a stray ':'.
    const user = url.user !== undefined && /\/|%2F/i.test(url.user) ? MASK : url.user;
    const auth = url.hostAt === 0
        ? ''
        : url.unreadableUserinfo || (secret === undefined && user !== undefined)
            ? `${MASK}@`
            : `${user === undefined ? '' : `${user}:`}${secret ?? ''}@`;
    const port = url.portText === undefined ? '' : `:${showablePort(url) ?? MASK}`;
    const hasSecret = url.secret !== undefined || url.query.some(p => SECRET_KEYS.includes(p.key) && p.value !== '');
    const path = hasSecret || url.path === '' ? url.path : `/${MASK}`;
    const query = url.query
        .map(({ key, raw }) => SECRET_KEYS.includes(key)
        ? `${key}=${MASK}`
        : OPTION_KEYS.has(key) || APPRISE_ONLY_KEYS.has(key)
            ? `${key}=${raw}`
            : // An unknown key may be a piece of a password cut at a '?': nothing of it is shown.
                MASK)
        .join('&');
    const host = /[@%\s]/.test(url.host) ? MASK : url.host;
    return `${url.scheme}://${auth}${host}${port}${path}${query === '' ? '' : `?${query}`}`;
}
/**
 * The port as written when it may be shown: all digits, after a host that follows a userinfo, with
 * the credentials in the query, or before a `/hooks/` path. Otherwise `host:port` may be
 * `user:password` whose '@host' is missing, and undefined is returned.
 */
function showablePort(url) {
    const text = url.portText;
    if (text === undefined || !/^\d+$/.test(text))
        return undefined;
    const isHost = url.hostAt > 0 ||
        url.query.some(p => CREDENTIAL_KEYS.has(p.key) && p.value !== '') ||
        HOOK_LINK_PATH.test(url.path);
    return isHost ? text : undefined;
}
/** A webhook keeps its shape, each non-empty half masked (`id/` shows as `<mask>/`). */
function maskWebhook(secret) {
    return decode(secret)
        .split('/')
        .map(half => (half === '' ? '' : MASK))
        .join('/');
}
/**
 * Every form in which a secret of this URL could be printed, whether or not its mode uses it. Only
 * a webhook (`id/token`) adds its halves, each a credential of its own; a password is masked whole,
 * since a piece of it (`pa` of `pa/ss`) is ordinary text that masking would hide everywhere.
 */
function collectSecrets(url, webhook) {
    const written = [
        ...(url.secret === undefined ? [] : [[url.secret, decode(url.secret)]]),
        ...url.query
            .filter(p => SECRET_KEYS.includes(p.key) && p.value !== '')
            .map((p) => [p.raw, p.value])
    ];
    const forms = written.flatMap(([raw, secret]) => {
        const parts = secret === webhook ? [secret, ...secret.split('/')] : [secret];
        return [raw, ...parts.flatMap(encodings)];
    });
    // Every length: a short password is a secret too, and masking it is the runner's job.
    return [...new Set(forms)].filter(form => form !== '');
}
/** Plain, percent-encoded (JavaScript's and Python's sets), form-encoded and JSON-escaped. */
function encodings(secret) {
    const uri = encodeURIComponent(secret);
    return [
        secret,
        uri,
        uri.replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
        new URLSearchParams({ s: secret }).toString().slice(2),
        JSON.stringify(secret).slice(1, -1)
    ];
}

;// CONCATENATED MODULE: ./src/rocketchat/url/address.ts
/** The scheme, host and port of a URL: where the posts go. */



const HOST_LABEL = /^(?!-)[A-Za-z0-9_-]{1,63}$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const DEFAULT_PORT = { http: 80, https: 443 };
/** Reads the host and port; `port=` (already checked) beats the port after the host. */
function readAddress(url, secure, portParam, fail) {
    if (url.host === '') {
        fail('No host was specified: the server name comes after :// (or after the @ of user:password@)');
    }
    // The message does not echo the host: when the userinfo is mangled, a piece of a password can
    // land here (the masked URL after it shows the host only when it cannot be such a piece).
    if (!isHost(url.host)) {
        fail('Invalid host: expected a hostname, an IPv4 address or a bracketed IPv6 address');
    }
    const writtenPort = url.portText === undefined ? undefined : readPort(url.portText);
    if (url.portText !== undefined && writtenPort === undefined) {
        const shown = showablePort(url);
        fail(shown === undefined
            ? "Invalid port: it must be a number from 1 to 65535 (a port that is not a number is often a password whose '@host' is missing)"
            : `Invalid port: port ${shown} is out of range (it must be from 1 to 65535)`);
    }
    const given = portParam ?? writtenPort;
    const port = given === DEFAULT_PORT[secure ? 'https' : 'http'] ? undefined : given;
    const host = url.host.toLowerCase();
    const hostport = (name, number) => number === undefined ? name : `${name}:${number}`;
    return {
        secure,
        host,
        port,
        baseUrl: `${secure ? 'https' : 'http'}://${hostport(host, port)}`,
        written: hostport(url.host, given)
    };
}
/** True for rockets:// (https), false for rocket:// (http); fails on any other scheme. */
function readScheme(url, fail) {
    if (url.scheme === 'rocket')
        return false;
    if (url.scheme === 'rockets')
        return true;
    if (HOOK_LINK_PATH.test(url.path) &&
        (url.scheme === 'https' || url.scheme === 'http') &&
        isHost(url.host)) {
        // Both halves are masked, as everywhere else: the runner masks the integration id too.
        const port = url.portText !== undefined && readPort(url.portText) ? `:${url.portText}` : '';
        const scheme = url.scheme === 'https' ? 'rockets' : 'rocket';
        fail(`This is a Rocket.Chat webhook link, not a ${scheme}:// URL: write it as ${scheme}://****/****@${url.host}${port}/ with the id and token that follow /hooks/ in place of ****/****`);
    }
    return fail(`Unsupported scheme '${url.scheme}': use rocket:// for http or rockets:// for https`);
}
function isHost(host) {
    if (host.startsWith('['))
        return host.endsWith(']') && (0,external_node_net_.isIPv6)(host.slice(1, -1));
    if (IPV4.test(host))
        return host.split('.').every(octet => Number(octet) <= 255);
    const name = host.endsWith('.') ? host.slice(0, -1) : host;
    return name.length <= 253 && name.split('.').every(label => HOST_LABEL.test(label));
}

;// CONCATENATED MODULE: ./src/rocketchat/url/index.ts
/**
 * Apprise `rocket://` and `rockets://` URLs -> destinations, as docs/url-format.md describes them:
 * Apprise's grammar, with the deliberate differences listed there. The steps, one file each:
 * tokenize (cut the text), params (the query), address (scheme, host, port), credentials (mode and
 * who posts), targets, mask (what may be shown).
 */








/** Parses one URL. Throws RocketChatError, with the URL masked, when it cannot be sent to. */
function parseRocketUrl(raw) {
    const url = tokenize(raw.trim());
    const fail = problem => {
        throw new RocketChatError(`${problem}. URL: ${maskRaw(url)}`);
    };
    const secure = readScheme(url, fail);
    const params = readParams(url.query, fail);
    const address = readAddress(url, secure, params.port, fail);
    const credentials = readCredentials(url, params, fail);
    const { mode } = credentials;
    const { targets, rejectedTargets } = readTargets(url.path, params.to);
    // A target written but rejected still counts: it is reported failed, and the others are sent.
    if (mode !== 'webhook' && targets.length === 0 && rejectedTargets.length === 0) {
        fail(`No Rocket.Chat room and/or channels specified to notify: ${mode} mode needs /#channel, /roomId or /@user after the host`);
    }
    const { options } = params;
    const destination = {
        mode,
        secure: address.secure,
        host: address.host,
        port: address.port,
        baseUrl: address.baseUrl,
        user: credentials.user,
        password: credentials.password,
        webhook: credentials.webhook,
        targets,
        rejectedTargets,
        // Token mode too is off, since a normal user's token is refused an avatar override.
        avatar: options.avatar ?? mode === 'webhook',
        format: options.format ?? 'markdown',
        overflow: options.overflow ?? 'upstream',
        verify: options.verify ?? true,
        connectTimeout: options.cto,
        readTimeout: options.rto,
        retry: options.retry
    };
    const masked = renderMasked(url.scheme, credentials, address.written, targets, options);
    const problems = params.unknownMode === undefined
        ? params.problems
        : [
            ...params.problems,
            `Unknown mode '${params.unknownMode}' ignored, using ${mode} (valid: ${MODES.join(', ')})`
        ];
    return {
        destination: {
            ...destination,
            identity: identityOf(destination),
            masked,
            secrets: collectSecrets(url, credentials.webhook)
        },
        warnings: problems.map(problem => `${problem}. URL: ${masked}`)
    };
}
/** Parses every URL of an input, separated by whitespace (newlines included). */
function parseRocketUrls(text) {
    const raws = text.split(/\s+/).filter(Boolean);
    if (raws.length === 0) {
        throw new RocketChatError('No Rocket.Chat URL was given: expected one or more rocket:// or rockets:// URLs separated by whitespace');
    }
    const parseAt = (index) => {
        try {
            return parseRocketUrl(raws[index] ?? '');
        }
        catch (error) {
            if (raws.length === 1 || !(error instanceof RocketChatError))
                throw error;
            throw new RocketChatError(`URL ${index + 1} of ${raws.length}: ${error.message}`, {
                cause: error
            });
        }
    };
    // A piece with no scheme is usually half of a URL cut at a space: say so first, before the other
    // half fails with a stranger message.
    const schemeless = raws.findIndex(raw => !raw.includes('://'));
    if (schemeless >= 0)
        parseAt(schemeless);
    return raws.map((_, index) => parseAt(index));
}
/**
 * A digest of everything but the targets, normalised (host case, default port, decoded
 * credentials, defaults applied), so it can be compared without holding a secret in clear.
 */
function identityOf(d) {
    const decisive = [
        d.mode,
        d.baseUrl,
        d.user,
        d.password,
        d.webhook,
        d.avatar,
        d.format,
        d.overflow,
        d.verify,
        d.connectTimeout,
        d.readTimeout,
        d.retry
    ];
    return (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(decisive)).digest('hex');
}

;// CONCATENATED MODULE: ./src/rocketchat/webhook.ts



/**
 * Incoming-webhook mode: one POST per target to `/hooks/<id>/<token>`, always with the `channel`
 * key (room ids raw), or one POST without it for the hook's own channel. The server answers
 * `{success:true}` with no message, so webhook results carry no message id, and a post whose
 * answer was lost cannot be looked up: it is not sent again and is reported `unconfirmed`.
 */
async function sendWebhook(sender, destination, of, posts, message, limit) {
    // No target means the hook's own channel, unless every target written was invalid: then none.
    const own = destination.rejectedTargets.length === 0 ? [undefined] : [];
    const targets = destination.targets.length > 0 ? destination.targets : own;
    return Promise.all(targets.map(async (target) => ({
        ...of(target ? describeTarget(target) : '(webhook default)'),
        ...(await limit(() => webhook_postAll(sender, destination, target, posts, message)))
    })));
}
async function webhook_postAll(sender, destination, target, posts, message) {
    if (message.updateId !== undefined) {
        return {
            outcome: 'failed',
            kind: 'rejected',
            error: 'webhook mode cannot edit a message (the server returns no message id): use token or basic mode for update'
        };
    }
    const url = `${destination.baseUrl}/hooks/${destination.webhook ?? ''}`;
    for (const [index, post] of posts.entries()) {
        const body = target ? { ...post, channel: channelKey(target) } : post;
        let outcome;
        try {
            const answer = readAnswer(await sender.send({ method: 'POST', url, body }, destination));
            if (!answer.ok)
                outcome = refusedBy(answer);
        }
        catch (error) {
            outcome = mayHaveArrived(error)
                ? {
                    outcome: 'unconfirmed',
                    reason: `${failureWords(failedBy(error))}: the message may have arrived, so it was not sent again`
                }
                : failedBy(error);
        }
        if (outcome)
            return inPart(outcome, index, posts.length);
    }
    return { outcome: 'delivered' };
}
/** Webhooks take every target in `channel`: `#name`, `@user`, or a bare room id. */
function channelKey(target) {
    return target.kind === 'room' ? target.id : describeTarget(target);
}

;// CONCATENATED MODULE: ./src/rocketchat/deliver.ts








/** A deliver() with a Transport of its own and no signal ends by then: every wait has a bound. */
const DEFAULT_DEADLINE_MS = 180_000;
const DEFAULT_CONCURRENCY = 4;
/**
 * Posts one message to every target of every destination (URLs, or destinations already parsed)
 * and returns one result per target. A failure of a target is a result, never a throw; a URL
 * that cannot be parsed throws a RocketChatError whose message shows no secret.
 */
async function deliver(to, message, options = {}) {
    const destinations = typeof to === 'string' ? parseRocketUrls(to).map(parsed => parsed.destination) : to;
    const whole = { title: '', status: 'info', ...message };
    const { sender, transport, signal, deadlineMs } = options;
    if (sender)
        return deliverWith(sender, destinations, whole, options);
    const own = new Transport({
        ...transport,
        signal: signal ?? transport?.signal ?? AbortSignal.timeout(deadlineMs ?? DEFAULT_DEADLINE_MS)
    });
    try {
        return await deliverWith(own, destinations, whole, options);
    }
    finally {
        await own.close();
    }
}
/**
 * Sends one message to every target of every destination, concurrently within a small bound, and
 * returns one result per target: destinations in the order given, each target once. A failure
 * never stops the others; a target the URL could not name is a failed result, never sent.
 */
async function deliverWith(sender, destinations, message, options) {
    const limit = concurrencyLimit(options.concurrency ?? DEFAULT_CONCURRENCY);
    const hooks = {
        onSecret: options.hooks?.onSecret ?? (() => undefined),
        onWarning: options.hooks?.onWarning ?? (() => undefined)
    };
    const perDestination = await Promise.all(merged(destinations).map(async ({ destination, index }) => {
        const of = (target) => ({
            destination: index,
            url: destination.masked,
            mode: destination.mode,
            target
        });
        const posts = composePosts(destination, message, options.maxPosts ?? MAX_POSTS);
        if (message.threadKey !== undefined &&
            message.threadKey.implicit !== true &&
            destination.mode === 'webhook') {
            hooks.onWarning(`thread-key needs token or basic mode (a webhook cannot choose message ids): ${destination.masked} posts outside any thread`);
        }
        const files = options.files ?? [];
        if (destination.mode === 'webhook' && files.length > 0) {
            hooks.onWarning(`${destination.masked}: a webhook cannot upload files; the message goes without its ${files.length} file(s)`);
        }
        const sent = destination.mode === 'webhook'
            ? await sendWebhook(sender, destination, of, posts, message, limit)
            : await sendRest(sender, destination, of, posts, message, limit, hooks, files);
        const rejected = destination.rejectedTargets.map(({ target, reason }) => ({
            ...of(target),
            outcome: 'failed',
            kind: 'invalid-target',
            error: reason
        }));
        return [...sent, ...rejected].map(result => finished(result, destination, sender));
    }));
    return perDestination.flat();
}
/**
 * Last line of defence: whatever a server or library said, no secret of the URL leaves in its
 * words. A sender with a plan (a dry run) sent nothing, so what would have been sent is `planned`.
 */
function finished(result, destination, sender) {
    const safe = (text) => (0,redact/* redact */.E)(text, destination.secrets);
    switch (result.outcome) {
        case 'failed':
            return { ...result, error: safe(result.error) };
        case 'unconfirmed':
            return sender.plan ? planned(result) : { ...result, reason: safe(result.reason) };
        case 'delivered':
        case 'updated':
            return sender.plan ? planned(result) : result;
        case 'planned':
            return result;
    }
}
function planned({ destination, url, mode, target, file }) {
    return { destination, url, mode, target, ...(file ? { file } : {}), outcome: 'planned' };
}
/**
 * One destination per identity, the first one's place and URL kept, targets joined without
 * repeats: a URL written twice, or two URLs that differ only in how they are written, post once
 * per target. A webhook's own channel (no target) stays apart from the same hook with targets.
 */
function merged(destinations) {
    const byIdentity = new Map();
    for (const [index, destination] of destinations.entries()) {
        const key = `${destination.identity}|${destination.targets.length === 0 ? 'own' : 'targets'}`;
        const seen = byIdentity.get(key);
        if (!seen) {
            byIdentity.set(key, { destination: distinctTargets(destination), index });
            continue;
        }
        seen.destination = distinctTargets({
            ...seen.destination,
            targets: [...seen.destination.targets, ...destination.targets],
            rejectedTargets: [...seen.destination.rejectedTargets, ...destination.rejectedTargets],
            secrets: [...new Set([...seen.destination.secrets, ...destination.secrets])]
        });
    }
    return [...byIdentity.values()];
}
function distinctTargets(destination) {
    const targets = new Map(destination.targets.map(target => [describeTarget(target), target]));
    const rejected = new Map(destination.rejectedTargets.map(r => [r.target, r]));
    return { ...destination, targets: [...targets.values()], rejectedTargets: [...rejected.values()] };
}

;// CONCATENATED MODULE: ./src/rocketchat/dry-run.ts

/**
 * A sender that sends nothing: it records each request, secrets masked, and answers as a
 * successful server would, so a dry run walks exactly the path a real run takes. Secrets are
 * masked by where they sit (the login password, the webhook path, the auth token), whatever
 * their length, and by value everywhere else.
 */
class DryRun {
    plan = [];
    #secrets;
    constructor(secrets) {
        this.#secrets = secrets;
    }
    send(req) {
        const headers = {};
        for (const [name, value] of Object.entries(req.headers ?? {})) {
            headers[name] = name === 'x-auth-token' ? '****' : this.#mask(value);
        }
        const url = new URL(req.url);
        // `/hooks/<id>/<token>`: both halves are secret, as the masked URL shows them.
        if (url.pathname.startsWith('/hooks/'))
            url.pathname = '/hooks/****/****';
        this.plan.push({
            method: req.method,
            url: this.#mask(url.href),
            headers,
            ...(req.body === undefined ? {} : { body: this.#maskValue(req.body) }),
            // An upload's bytes are never read: what would be sent is named and sized.
            ...(req.stream === undefined ? {} : { body: this.#maskValue(req.stream.summary ?? {}) })
        });
        return Promise.resolve(syntheticAnswer(url.pathname));
    }
    /** Holds nothing open. */
    close() {
        return Promise.resolve();
    }
    #mask(text) {
        return (0,redact/* redact */.E)(text, this.#secrets);
    }
    /** Masks every string inside a body, so a secret is caught even where JSON would escape it. */
    #maskValue(value) {
        if (typeof value === 'string')
            return this.#mask(value);
        if (Array.isArray(value))
            return value.map(item => this.#maskValue(item));
        if (typeof value === 'object' && value !== null) {
            return Object.fromEntries(Object.entries(value).map(([key, item]) => [
                key,
                key === 'password' ? '****' : this.#maskValue(item)
            ]));
        }
        return value;
    }
}
function syntheticAnswer(path) {
    let json = { success: true };
    if (path.endsWith('/api/v1/login')) {
        json = { status: 'success', data: { userId: 'dry-run-user', authToken: 'dry-run-token' } };
    }
    else if (path.endsWith('/api/v1/chat.getMessage')) {
        json = { message: { rid: '(room of the message)' }, success: true };
    }
    else if (path.endsWith('/api/v1/rooms.info') || path.endsWith('/api/v1/im.create')) {
        json = { room: { _id: '(room of the target)' }, success: true };
    }
    else if (path.includes('/api/v1/rooms.media/')) {
        json = { file: { _id: '(file id)', url: '' }, success: true };
    }
    else if (path.includes('/api/v1/rooms.mediaConfirm/')) {
        json = { message: { _id: '(message of the file)' }, success: true };
    }
    return { status: 200, headers: {}, text: JSON.stringify(json), json };
}

;// CONCATENATED MODULE: ./src/rocketchat/index.ts
/**
 * The Rocket.Chat library's front door: what an outside program needs to post a message from
 * Apprise-style URLs, and nothing of how it is done. Everything a caller should not have to know
 * has a default: the transport (timeouts, retries, user agent), the hooks, the post cap.
 *
 *     const results = await deliver('rocket://user:pass@chat.example.com/#builds', { body: 'Done' })
 */








/**
 * The HTTP layer the transport is built on, for a caller that reads another API through the same
 * proxy rules and bounds (the GitHub reads): the dispatcher, one bounded exchange, the proxy check.
 */





/***/ }),

/***/ 1985:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   HT: () => (/* binding */ CONCLUSION_STATUS),
/* harmony export */   fM: () => (/* binding */ isNoVerdict),
/* harmony export */   vu: () => (/* binding */ conclusionOf)
/* harmony export */ });
/**
 * The status each conclusion gives. A verdict is a success or a failure; the conclusions with no
 * verdict (the run was skipped, is waiting for approval, went stale or finished neutral) are `info`:
 * never a success, never "fixed", never a red failure, and they mention no one.
 */
const CONCLUSION_STATUS = {
    success: 'success',
    failure: 'failure',
    timed_out: 'failure',
    startup_failure: 'failure',
    cancelled: 'cancelled',
    skipped: 'info',
    neutral: 'info',
    stale: 'info',
    action_required: 'info'
};
/** A conclusion GitHub gives, or undefined for anything else (null while a run is in progress). */
function conclusionOf(value) {
    return typeof value === 'string' && Object.hasOwn(CONCLUSION_STATUS, value)
        ? value
        : undefined;
}
/** A conclusion with no verdict: the run was neither a success nor a failure nor cancelled. */
function isNoVerdict(conclusion) {
    return conclusion !== undefined && CONCLUSION_STATUS[conclusion] === 'info';
}


/***/ }),

/***/ 7997:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DI: () => (/* binding */ isFailing),
/* harmony export */   Dc: () => (/* binding */ runDurationSeconds),
/* harmony export */   Ix: () => (/* binding */ isFailed),
/* harmony export */   P7: () => (/* binding */ jobDurationSeconds),
/* harmony export */   YP: () => (/* binding */ deriveStatus),
/* harmony export */   cf: () => (/* binding */ stepDurationSeconds),
/* harmony export */   fx: () => (/* binding */ statusOfConclusion)
/* harmony export */ });
/* harmony import */ var _conclusions_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1985);

const FAILED = ['failure', 'timed_out'];
function isFailed(job) {
    return FAILED.includes(job.result);
}
/**
 * Failed, or still running past a failed step: the job that sends its own failure alert (a step
 * with `if: failure()`) is in progress, and only its steps say it failed.
 */
function isFailing(job) {
    return job.completed ? isFailed(job) : job.failedStep !== undefined;
}
/**
 * `status: auto`: a failed or timed-out job makes the run a failure; otherwise a cancelled job makes
 * it cancelled; otherwise, when every finished job has no verdict (all skipped: a summary job after
 * a path filter), the neutral info, since no verdict is never a success; otherwise it succeeded.
 * Jobs still running (this one) have no say.
 */
function deriveStatus(jobs) {
    const done = jobs.filter(job => job.completed);
    if (done.some(isFailed))
        return 'failure';
    if (done.some(job => job.result === 'cancelled'))
        return 'cancelled';
    if (done.length > 0 && done.every(job => (0,_conclusions_js__WEBPACK_IMPORTED_MODULE_0__/* .isNoVerdict */ .fM)((0,_conclusions_js__WEBPACK_IMPORTED_MODULE_0__/* .conclusionOf */ .vu)(job.result))))
        return 'info';
    return 'success';
}
/**
 * The status a finished run's conclusion gives (src/run/conclusions.ts): a verdict or cancelled;
 * undefined for a conclusion with no verdict (skipped, neutral, stale, waiting) or none at all.
 */
function statusOfConclusion(value) {
    const conclusion = (0,_conclusions_js__WEBPACK_IMPORTED_MODULE_0__/* .conclusionOf */ .vu)(value);
    return conclusion === undefined || (0,_conclusions_js__WEBPACK_IMPORTED_MODULE_0__/* .isNoVerdict */ .fM)(conclusion)
        ? undefined
        : _conclusions_js__WEBPACK_IMPORTED_MODULE_0__/* .CONCLUSION_STATUS */ .HT[conclusion];
}
/** Wall time from the first job's start to the last one's end (or now, for jobs still running). */
function runDurationSeconds(jobs, now = Date.now()) {
    const starts = jobs.map(job => time(job.startedAt)).filter(t => t !== undefined);
    if (starts.length === 0)
        return undefined;
    const ends = jobs.map(job => (job.completed ? time(job.completedAt) : now) ?? now);
    return Math.max(0, Math.round((Math.max(...ends) - Math.min(...starts)) / 1000));
}
function jobDurationSeconds(job, now = Date.now()) {
    const start = time(job.startedAt);
    if (start === undefined)
        return undefined;
    const end = job.completed ? (time(job.completedAt) ?? now) : now;
    return Math.max(0, Math.round((end - start) / 1000));
}
/** A finished step's own time, when GitHub gave when it started and ended. */
function stepDurationSeconds(step) {
    const start = time(step.startedAt);
    const end = time(step.completedAt);
    return start === undefined || end === undefined
        ? undefined
        : Math.max(0, Math.round((end - start) / 1000));
}
function time(iso) {
    if (iso === undefined)
        return undefined;
    const t = Date.parse(iso);
    return Number.isNaN(t) ? undefined : t;
}


/***/ }),

/***/ 6833:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ errorMessage)
/* harmony export */ });
/** The words of anything thrown: an Error's message, or the value itself. */
function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}


/***/ }),

/***/ 8325:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ isObject)
/* harmony export */ });
/** A plain JSON object (not null, not an array): the first check on any parsed, untrusted value. */
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}


/***/ }),

/***/ 8932:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ redact)
/* harmony export */ });
/** Replaces every occurrence of each secret in `text` with `****`, longest first so no fragment survives. */
function redact(text, secrets) {
    let out = text;
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
        if (secret.length > 0)
            out = out.split(secret).join('****');
    }
    return out;
}


/***/ }),

/***/ 5723:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Bp: () => (/* binding */ defaultButtons),
/* harmony export */   IB: () => (/* binding */ mergeButtons),
/* harmony export */   jN: () => (/* binding */ parseButtons),
/* harmony export */   q$: () => (/* binding */ isHttpUrl)
/* harmony export */ });
/* harmony import */ var _shared_is_object_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8325);
/* harmony import */ var _defaults_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6922);


/** Longer labels are cut: a button is a word or two, not a sentence. */
const LABEL_LENGTH = 60;
/** More buttons than this from the input are left out: a row of buttons, not a page. */
const MAX_BUTTONS = 10;
const URL_LENGTH = 2000;
/**
 * The buttons a message gets without asking: Run, Failed step (the failing step's log, when the
 * run's details name it), Pull request or else Commit, Release, Environment (the deploy's URL), Log (the deploy's log).
 */
function defaultButtons(context) {
    const { github } = context;
    const event = github.event;
    // On deployment_status the run is only the messenger: the deploy's own pages are the places.
    const buttons = github.event_name === 'deployment_status' ? [] : [['Run', (0,_defaults_js__WEBPACK_IMPORTED_MODULE_0__/* .subjectRun */ .SQ)(context).url]];
    const failedStep = context.run_details?.failed_jobs.find(job => job.failed_step?.url);
    buttons.push(['Failed step', failedStep?.failed_step?.url ?? '']);
    const pullRequest = pullRequestUrl(context);
    buttons.push(isHttpUrl(pullRequest) ? ['Pull request', pullRequest] : ['Commit', commitUrl(context)]);
    if (github.event_name === 'release') {
        buttons.push(['Release', (0,_defaults_js__WEBPACK_IMPORTED_MODULE_0__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_0__/* .get */ .Jt)(event, 'release', 'html_url'))]);
    }
    buttons.push(['Environment', environmentUrl(context)]);
    buttons.push(['Log', context.deployment?.log_url ?? '']);
    return buttons.flatMap(([text, url]) => (isHttpUrl(url) ? [{ type: 'button', text, url }] : []));
}
/** The deploy's URL: the deployment context's (deployment.ts). */
function environmentUrl(context) {
    return context.deployment?.url ?? '';
}
function pullRequestUrl(context) {
    const { github } = context;
    const event = github.event;
    if (github.event_name === 'pull_request' || github.event_name === 'pull_request_target') {
        return (0,_defaults_js__WEBPACK_IMPORTED_MODULE_0__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_0__/* .get */ .Jt)(event, 'pull_request', 'html_url'));
    }
    if (github.event_name === 'workflow_run') {
        const pulls = (0,_defaults_js__WEBPACK_IMPORTED_MODULE_0__/* .get */ .Jt)(event, 'workflow_run', 'pull_requests');
        const number = (0,_defaults_js__WEBPACK_IMPORTED_MODULE_0__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_0__/* .get */ .Jt)(Array.isArray(pulls) ? pulls[0] : undefined, 'number'));
        if (/^\d+$/.test(number) && github.repository) {
            return `${github.server_url}/${github.repository}/pull/${number}`;
        }
    }
    return '';
}
/** The commit the message is about, as the default message's Commit field names it. */
function commitUrl(context) {
    const { github } = context;
    const event = github.event;
    const sha = (0,_defaults_js__WEBPACK_IMPORTED_MODULE_0__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_0__/* .get */ .Jt)(event, 'workflow_run', 'head_sha')) ||
        (0,_defaults_js__WEBPACK_IMPORTED_MODULE_0__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_0__/* .get */ .Jt)(event, 'deployment', 'sha')) ||
        (0,_defaults_js__WEBPACK_IMPORTED_MODULE_0__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_0__/* .get */ .Jt)(event, 'pull_request', 'head', 'sha')) ||
        (0,_defaults_js__WEBPACK_IMPORTED_MODULE_0__/* .str */ .gx)((0,_defaults_js__WEBPACK_IMPORTED_MODULE_0__/* .get */ .Jt)(event, 'head_commit', 'id')) ||
        github.sha;
    if (!/^[0-9a-f]{7,64}$/i.test(sha) || !github.repository)
        return '';
    return `${github.server_url}/${github.repository}/commit/${sha}`;
}
/** Only http(s) URLs are buttons: no `javascript:`, `data:` or relative link, whoever wrote it. */
function isHttpUrl(value) {
    if (value.length > URL_LENGTH)
        return false;
    try {
        const { protocol } = new URL(value);
        return protocol === 'http:' || protocol === 'https:';
    }
    catch {
        return false;
    }
}
/**
 * The `buttons` input: a YAML (or JSON) list of `{text, url}`. Strings are rendered only after
 * parsing, so an inserted value never changes the structure; `render(template, path)` renders one
 * as plain text. An entry that cannot be a button is reported through `mistake` and left out.
 */
async function parseButtons(source, render, mistake) {
    const { parse } = await __nccwpck_require__.e(/* import() */ 815).then(__nccwpck_require__.t.bind(__nccwpck_require__, 8815, 19));
    let parsed;
    try {
        parsed = parse(source);
    }
    catch (error) {
        mistake(`buttons is not valid YAML: ${error.message.trimEnd()}; no button of yours is added`);
        return [];
    }
    if (!Array.isArray(parsed)) {
        mistake('buttons must be a list of {text, url} (or none); no button of yours is added');
        return [];
    }
    const buttons = [];
    for (const [index, item] of parsed.entries()) {
        const path = `buttons[${index}]`;
        if (buttons.length === MAX_BUTTONS) {
            mistake(`buttons has more than ${MAX_BUTTONS} entries; the rest are left out`);
            break;
        }
        const text = (0,_shared_is_object_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)(item) ? item.text : undefined;
        const url = (0,_shared_is_object_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)(item) ? item.url : undefined;
        if (typeof text !== 'string' || typeof url !== 'string') {
            mistake(`${path} must be {text, url} with two strings; it is left out`);
            continue;
        }
        const label = Array.from((0,_defaults_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(render(text, `${path}.text`)))
            .slice(0, LABEL_LENGTH)
            .join('');
        const target = render(url, `${path}.url`).trim();
        if (label === '') {
            mistake(`${path}.text is empty; the button is left out`);
        }
        else if (!isHttpUrl(target)) {
            mistake(`${path}.url must be an http(s) URL, got ${JSON.stringify(target.slice(0, 100))}; the button is left out`);
        }
        else {
            buttons.push({ type: 'button', text: label, url: target });
        }
    }
    return buttons;
}
/** The defaults with the input's buttons: one with a default's label takes its place, others follow. */
function mergeButtons(defaults, given) {
    const key = (button) => button.text.trim().toLowerCase();
    const byLabel = new Map(given.map(button => [key(button), button]));
    const merged = defaults.map(button => byLabel.get(key(button)) ?? button);
    const replaced = new Set(defaults.map(key));
    return [...merged, ...given.filter(button => !replaced.has(key(button)))];
}


/***/ }),

/***/ 6922:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   H9: () => (/* binding */ commitValue),
/* harmony export */   Jt: () => (/* binding */ get),
/* harmony export */   SQ: () => (/* binding */ subjectRun),
/* harmony export */   TN: () => (/* binding */ oneLine),
/* harmony export */   cF: () => (/* binding */ statusLook),
/* harmony export */   cc: () => (/* binding */ statusAttachment),
/* harmony export */   f8: () => (/* binding */ inertTextFor),
/* harmony export */   fH: () => (/* binding */ forkLabel),
/* harmony export */   gx: () => (/* binding */ str),
/* harmony export */   nf: () => (/* binding */ link),
/* harmony export */   qI: () => (/* binding */ addChange),
/* harmony export */   zD: () => (/* binding */ defaultMessage)
/* harmony export */ });
/* harmony import */ var _shared_is_object_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8325);
/* harmony import */ var _inert_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4442);


const LOOKS = {
    success: { emoji: '\u2705', color: '#2eb886', outcome: 'succeeded' },
    failure: { emoji: '\u274c', color: '#d50200', outcome: 'failed' },
    cancelled: { emoji: '\u26aa', color: '#9e9e9e', outcome: 'was cancelled' },
    warning: { emoji: '\u26a0\ufe0f', color: '#daa038', outcome: 'finished with warnings' },
    // An info message announces rather than reports: no outcome to tell.
    info: { emoji: '\u2139\ufe0f', color: '#439fe0', outcome: '' }
};
/**
 * What a conclusion says beyond its status (src/run/conclusions.ts): the run has no verdict, or
 * failed in its own way. The emoji and colour stay the status's.
 */
const CONCLUSION_OUTCOMES = {
    timed_out: 'timed out',
    startup_failure: 'could not start',
    skipped: 'was skipped',
    neutral: 'finished with no verdict (neutral)',
    stale: 'went stale with no verdict',
    action_required: 'is waiting for approval'
};
/**
 * The emoji, colour and words of a status, as the default message says them; the conclusion the
 * status came from, if any (`job.conclusion`), words it.
 */
function statusLook(status, conclusion) {
    const look = LOOKS[status];
    const outcome = conclusion === undefined ? undefined : CONCLUSION_OUTCOMES[conclusion];
    return outcome === undefined ? look : { ...look, outcome };
}
const TITLE_LENGTH = 120;
const NOTES_LENGTH = 1500;
/**
 * The message sent when the workflow gives no body: a line with the status, workflow, repository,
 * ref and a link to the run, and one attachment coloured by status with the details. Every value
 * from the run or its event is inserted as inert text (inert.ts); release notes are converted with
 * `markdown` when the caller loaded it.
 */
function defaultMessage(context, status, markdown) {
    const { github } = context;
    const look = statusLook(status, context.job.conclusion);
    const t = inertTextFor(context);
    const run = subjectRun(context);
    const runUrl = run.url;
    const scene = describeEvent(context, status);
    const headline = scene.headline ??
        `${[t(run.workflow), look.outcome].filter(Boolean).join(' ')} in ${t(github.repository) || 'this repository'}${scene.where}`;
    const runLabel = run.number ? `run #${run.number}` : 'run';
    const text = `${look.emoji} ${headline}${runUrl ? ` \u00b7 ${link(runUrl, runLabel)}` : ''}`;
    const attachment = statusAttachment(context, status, scene);
    if (scene.notes) {
        attachment.text = markdown
            ? markdown(scene.notes.text, {
                fullText: scene.notes.url,
                links: (0,_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .githubLinks */ .Rj)(context),
                limit: NOTES_LENGTH
            })
            : t(truncate(scene.notes.text, NOTES_LENGTH));
    }
    return { text, attachment };
}
/**
 * The attachment coloured by status, titled with the run and linked to it, with the commit, actor,
 * event and job: the default message has it, and a custom body gets it too (notification.ts).
 */
function statusAttachment(context, status, scene = describeEvent(context, status)) {
    const { github } = context;
    const look = statusLook(status, context.job.conclusion);
    const t = inertTextFor(context);
    const run = subjectRun(context);
    const runUrl = run.url;
    const commit = scene.commit ?? { sha: github.sha, message: '' };
    const fields = [
        field('Commit', commitValue(context, commit)),
        field('Actor', t(run.actor)),
        field('Event', t(run.event)),
        field('Job', t(run.job)),
        ...scene.fields
    ].filter(item => item.value !== '');
    // Rocket.Chat shows an attachment's title as it is, not as markdown.
    const runTitle = run.number ? `${run.workflow} #${run.number}` : run.workflow;
    return {
        color: look.color,
        title: (0,_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .defuseRoomMentions */ .fE)([runTitle, look.outcome].filter(Boolean).join(' ')),
        ...(runUrl ? { title_link: runUrl } : {}),
        fields
    };
}
/**
 * `notify-when: changed`: the line says it broke or is fixed, and the attachment since when: the
 * last commit that passed, or the first failing run and how many failed.
 */
function addChange(message, previous, context) {
    if (previous.change === 'unchanged')
        return message;
    const run = (number, url) => url.startsWith(`${context.github.server_url}/`) ? link(url, `run #${number}`) : `run #${number}`;
    const commit = (sha) => (sha ? ` (${commitValue(context, { sha, message: '' })})` : '');
    let said;
    if (previous.change === 'broken') {
        said = `\ud83d\udd34 Broken: the last success was ${run(previous.number, previous.url)}${commit(previous.sha)}; it failed since.`;
    }
    else {
        const count = `${previous.failed_runs}${previous.failed_runs_more ? '+' : ''}`;
        const since = previous.broken_since;
        said =
            `\ud83d\udfe2 Fixed after ${count} failed run(s)` +
                (since ? `, broken since ${run(since.number, since.url)}${commit(since.sha)}` : '') +
                (previous.broken_for ? ` for ${previous.broken_for}` : '') +
                '.';
    }
    const attachment = { ...message.attachment };
    const before = typeof attachment.text === 'string' && attachment.text ? [attachment.text] : [];
    attachment.text = [said, ...before].join('\n');
    return { text: `${message.text} \u00b7 ${previous.change}`, attachment };
}
/**
 * This run, or on `workflow_run` the run that triggered it: the message reports on that one, with
 * its workflow, number, page, actor and event (the notifying workflow is only the messenger).
 */
function subjectRun(context) {
    const { github } = context;
    const event = github.event;
    const triggering = github.event_name === 'workflow_run' ? get(event, 'workflow_run') : undefined;
    const id = str(get(triggering, 'id'));
    if (/^\d+$/.test(id)) {
        return {
            workflow: oneLine(str(get(triggering, 'name'))) ||
                oneLine(str(get(event, 'workflow', 'name'))) ||
                'Workflow',
            number: str(get(triggering, 'run_number')),
            url: runLink(context, id, str(get(triggering, 'run_attempt'))),
            actor: str(get(triggering, 'actor', 'login')) || github.actor,
            event: str(get(triggering, 'event')),
            job: ''
        };
    }
    const action = str(event.action);
    return {
        workflow: oneLine(github.workflow) || 'Workflow',
        number: github.run_number,
        url: runLink(context, github.run_id, github.run_attempt),
        actor: github.actor || str(get(event, 'sender', 'login')),
        event: action ? `${github.event_name} (${action})` : github.event_name,
        job: github.job
    };
}
/** Makes a value from the run or its event inert text, linked to the run's own GitHub. */
function inertTextFor(context) {
    const links = (0,_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .githubLinks */ .Rj)(context);
    return value => (0,_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .inertText */ .UJ)(value, links);
}
/**
 * A link in the `<url|label>` form: its label is plain text, and a `[` in an event value before it
 * cannot stretch over it as over `[label](url)` (test/defaults.test.ts shows both).
 */
function link(url, label) {
    return `<${url}|${(0,_inert_js__WEBPACK_IMPORTED_MODULE_0__/* .defuseRoomMentions */ .fE)(label.replace(/[<>|]/g, ''))}>`;
}
function describeEvent(context, status) {
    const { github } = context;
    const event = github.event;
    switch (github.event_name) {
        case 'push':
            return isTag(context) ? tagScene(context) : pushScene(context);
        case 'create':
            return {
                where: ` on new ${inertTextFor(context)(`${str(event.ref_type) || github.ref_type} ${str(event.ref) || github.ref_name}`)}`,
                fields: []
            };
        case 'pull_request':
        case 'pull_request_target':
            return pullRequestScene(context);
        case 'release':
            return releaseScene(context, status);
        case 'workflow_dispatch':
            return dispatchScene(context);
        case 'schedule':
            return {
                where: `${onRef(context)}: scheduled run`,
                fields: [field('Schedule', code(str(event.schedule).replace(/`/g, "'")))]
            };
        case 'workflow_run':
            return workflowRunScene(context);
        default: {
            const action = str(event.action);
            const kind = inertTextFor(context)([github.event_name, action].filter(Boolean).join(' '));
            return { where: `${onRef(context)}${kind ? ` (${kind})` : ''}`, fields: [] };
        }
    }
}
function pushScene(context) {
    const event = context.github.event;
    const headCommit = get(event, 'head_commit');
    const message = firstLine(str(get(headCommit, 'message')));
    const compare = str(event.compare);
    const commits = Array.isArray(event.commits) ? event.commits.length : 0;
    const changes = commits === 1 ? '1 commit' : `${commits} commits`;
    return {
        where: `${onRef(context)}${message ? `: ${inertTextFor(context)(message)}` : ''}`,
        commit: { sha: str(get(headCommit, 'id')) || context.github.sha, message },
        fields: [field('Changes', compare && commits > 0 ? link(compare, changes) : '')]
    };
}
function tagScene(context) {
    const event = context.github.event;
    const tag = context.github.ref.replace(/^refs\/tags\//, '');
    const headCommit = get(event, 'head_commit');
    const message = firstLine(str(get(headCommit, 'message')));
    const deleted = event.deleted === true;
    const t = inertTextFor(context);
    return {
        where: ` on ${deleted ? 'deleted ' : ''}tag ${t(tag)}`,
        commit: { sha: str(get(headCommit, 'id')) || context.github.sha, message },
        fields: [field('Tag', t(tag))]
    };
}
function pullRequestScene(context) {
    const pr = get(context.github.event, 'pull_request');
    const number = str(get(pr, 'number'));
    const title = oneLine(str(get(pr, 'title')));
    const url = str(get(pr, 'html_url'));
    const label = `PR #${number}`;
    const head = str(get(pr, 'head', 'label')) || str(get(pr, 'head', 'ref'));
    const base = str(get(pr, 'base', 'ref'));
    const t = inertTextFor(context);
    return {
        where: number ? ` for ${url ? link(url, label) : label}${title ? `: ${t(title)}` : ''}` : '',
        commit: { sha: str(get(pr, 'head', 'sha')) || context.github.sha, message: '' },
        fields: [field('Branches', head && base ? `${t(head)} \u2192 ${t(base)}` : '')]
    };
}
function releaseScene(context, status) {
    const { github } = context;
    const release = get(github.event, 'release');
    const tag = str(get(release, 'tag_name')) || github.ref_name;
    const name = oneLine(str(get(release, 'name')));
    const url = str(get(release, 'html_url'));
    const prerelease = get(release, 'prerelease') === true;
    const t = inertTextFor(context);
    const linked = url ? link(url, tag) : t(tag);
    const named = name && name !== tag ? `: ${t(name)}` : '';
    const action = str(github.event.action);
    // A published release with a passing run is news in itself: say so first.
    const announced = ['published', 'released', 'prereleased'].includes(action);
    const headline = announced && (status === 'success' || status === 'info')
        ? `${prerelease ? 'Pre-released' : 'Released'} ${t(github.repository)} ${linked}${named}`
        : undefined;
    return {
        where: ` for release ${linked}${named}`,
        ...(headline ? { headline } : {}),
        fields: [field('Release', linked), field('Pre-release', prerelease ? 'yes' : '')],
        notes: { text: str(get(release, 'body')).trim(), url }
    };
}
function dispatchScene(context) {
    const { github } = context;
    const by = github.triggering_actor || github.actor || str(get(github.event, 'sender', 'login'));
    const inputs = get(github.event, 'inputs');
    const pairs = (0,_shared_is_object_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)(inputs)
        ? Object.entries(inputs).map(([key, value]) => `${key}=${oneLine(scalar(value))}`)
        : [];
    const t = inertTextFor(context);
    return {
        where: `${onRef(context)}: manually run${by ? ` by ${t(by)}` : ''}`,
        fields: [field('Inputs', t(truncate(pairs.join(', '), TITLE_LENGTH)))]
    };
}
/**
 * The triggering run's branch, commit and pull requests (subjectRun names its workflow). A run that
 * has no conclusion yet (requested, in progress) says so.
 */
function workflowRunScene(context) {
    const { github } = context;
    const run = get(github.event, 'workflow_run');
    const t = inertTextFor(context);
    const base = str(get(run, 'repository', 'full_name')) || github.repository;
    const fork = forkLabel(str(get(run, 'head_repository', 'full_name')), base);
    const branch = fork + str(get(run, 'head_branch'));
    const message = firstLine(str(get(run, 'head_commit', 'message')));
    const conclusion = str(get(run, 'conclusion'));
    const action = str(github.event.action);
    const pulls = Array.isArray(get(run, 'pull_requests'))
        ? get(run, 'pull_requests')
        : [];
    const linkedPulls = pulls
        .slice(0, 3)
        .map(pull => str(get(pull, 'number')))
        .filter(number => /^\d+$/.test(number))
        .map(number => link(`${github.server_url}/${github.repository}/pull/${number}`, `#${number}`));
    return {
        where: `${branch ? ` on ${t(branch)}` : onRef(context)}${message ? `: ${t(message)}` : ''}` +
            (conclusion || !action ? '' : ` (${t(action)})`),
        commit: { sha: str(get(run, 'head_sha')) || github.sha, message },
        fields: [field('Pull request', linkedPulls.join(' ')), field('Conclusion', t(conclusion))]
    };
}
/**
 * `mallory:` before a branch of a fork (as GitHub labels a pull request's head), so that a fork's
 * `master` never reads as the repository's own; empty for the repository itself.
 */
function forkLabel(headRepository, repository) {
    const fork = headRepository !== '' && headRepository.toLowerCase() !== repository.toLowerCase();
    return fork ? `${headRepository.split('/')[0] ?? ''}:` : '';
}
function isTag(context) {
    return context.github.ref_type === 'tag' || context.github.ref.startsWith('refs/tags/');
}
function onRef(context) {
    const ref = context.github.ref_name || context.github.ref;
    return ref ? ` on ${inertTextFor(context)(ref)}` : '';
}
/** A run's page; GitHub Enterprise works because the server comes from the context. */
function runLink(context, runId, runAttempt) {
    const { server_url, repository } = context.github;
    if (!repository || !runId)
        return '';
    const attempt = Number(runAttempt) > 1 ? `/attempts/${Number(runAttempt)}` : '';
    return `${server_url}/${repository}/actions/runs/${runId}${attempt}`;
}
function commitValue(context, commit) {
    if (!commit.sha)
        return '';
    const { server_url, repository } = context.github;
    const short = commit.sha.slice(0, 7);
    const linked = repository
        ? link(`${server_url}/${repository}/commit/${commit.sha}`, short)
        : short;
    return commit.message ? `${linked} ${inertTextFor(context)(commit.message)}` : linked;
}
function field(title, value) {
    return { title, value, short: true };
}
function code(value) {
    return value ? `\`${value}\`` : '';
}
function firstLine(value) {
    return truncate((value.split('\n')[0] ?? '').trim(), TITLE_LENGTH);
}
function oneLine(value) {
    return truncate(value.replace(/\s+/g, ' ').trim(), TITLE_LENGTH);
}
function truncate(value, length) {
    const chars = Array.from(value);
    return chars.length > length ? `${chars.slice(0, length - 1).join('')}\u2026` : value;
}
function get(value, ...path) {
    let current = value;
    for (const key of path) {
        if (!(0,_shared_is_object_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)(current))
            return undefined;
        current = current[key];
    }
    return current;
}
/** Strings and numbers as text; anything else (null, missing, objects) as nothing. */
function str(value) {
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number')
        return String(value);
    return '';
}
function scalar(value) {
    return typeof value === 'string' ? value : JSON.stringify(value);
}


/***/ }),

/***/ 4442:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   MN: () => (/* binding */ issueLink),
/* harmony export */   Rj: () => (/* binding */ githubLinks),
/* harmony export */   Sb: () => (/* binding */ profileLink),
/* harmony export */   UJ: () => (/* binding */ inertText),
/* harmony export */   fE: () => (/* binding */ defuseRoomMentions),
/* harmony export */   z5: () => (/* binding */ ZWSP)
/* harmony export */ });
/**
 * Text from the event (a pull request title, a commit message) made inert for Rocket.Chat: it reads
 * the same, but nothing in it acts. The rules follow what Rocket.Chat's message parser does
 * (`@rocket.chat/message-parser`, the judge in test/inert.test.ts), not what markdown usually does:
 * - a backslash stops `*`, `_`, `~` and a backtick, but not `[`, `>`, `|` or `@`;
 * - a zero-width space breaks `[label](url)` (a zero-width space between `]` and `(`), a mention (`@all`, `#room`), a spoiler
 *   and a block marker at the start of a line (`# heading`), but not bold, and not `<url|label>`,
 *   where the parser takes it for part of the address: there the bar becomes a look-alike `\u2223`;
 * - the parser stretches a URL over whatever follows it up to a space, a backslash or a link
 *   included, so links are made only at the start of a run of text.
 */
/** The links of the run's own server and repository. */
function githubLinks(context) {
    return { serverUrl: context.github.server_url, repository: context.github.repository };
}
const ZWSP = '\u200B';
/** GitHub's login rule: letters, digits and single inner hyphens, at most 39 characters. */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?![A-Za-z0-9_])/;
/** Rocket.Chat's room-wide mentions: they ping everyone, so they are never made a link. */
const MASS_MENTION = /^(?:all|here|channel)(?![\p{L}\p{N}_-])/iu;
const EMAIL_DOMAIN = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?=$|[\s,;:!?)])/;
const ISSUE_NUMBER = /^[0-9]+(?![\p{L}\p{N}_-])/u;
/** A URL of ordinary characters up to the next space: the parser links it by itself. */
const PLAIN_URL = /^(?:[a-z][a-z0-9+.-]{0,31}:\/\/|www\.)[A-Za-z0-9\-._~:/?#%&=+,;!$'()]*(?=\s|$)/i;
/** Characters that may act somewhere in a value, and block markers the parser reads on a line. */
const ACTIVE = /[*_~`\\@#\]<|]/;
const ACTIVE_LINE = /(?:^|[\n\r])(?:>|[-+][ \t]|[0-9]+[.)][ \t]|---)/;
/** Block markers the parser reads at the start of a line. */
const BLOCK_START = /^(?:#|>|[-*+][ \t]|[0-9]+[.)][ \t]|```|---|___|\*\*\*)/;
const NEW_RUN = { fresh: true, identifier: true, angle: false, localPart: true };
/** After a link this function made, or an address: nothing in the run is fresh any more. */
const AFTER_LINK = { fresh: false, identifier: false, angle: false, localPart: false };
/**
 * One value as it should read in a message: every mention defused (`@login` becomes a link to the
 * GitHub profile that reads `@login`; `@all`, `@here` and `@channel` plain text), no link whose
 * label hides its URL, no bold, italic, strike, code or spoiler, no heading, quote or list.
 * Bare URLs stay links: their label is their address. Without `links` (text inside a link label)
 * no link is made. Linear in the length of the value.
 */
function inertText(value, links) {
    // Most values (a branch, a login, a job name) hold nothing that acts: as they are, at once.
    if (!ACTIVE.test(value) && !ACTIVE_LINE.test(value))
        return value;
    let out = '';
    let run = NEW_RUN;
    for (let i = 0; i < value.length; i++) {
        const c = value.charAt(i);
        const rest = value.slice(i + 1);
        if (/\s/.test(c)) {
            out += c;
            run = NEW_RUN;
            continue;
        }
        if ((i === 0 || /[\n\r]/.test(value.charAt(i - 1))) && BLOCK_START.test(value.slice(i))) {
            out += ZWSP;
        }
        const url = run.fresh ? PLAIN_URL.exec(value.slice(i))?.[0] : undefined;
        if (url) {
            // The parser links it whole, label and address the same; an escape in it would show.
            out += url;
            i += url.length - 1;
            run = AFTER_LINK;
            continue;
        }
        const linked = c === '@' || c === '#' ? reference(c, rest, run, links) : undefined;
        if (linked) {
            out += linked.text;
            i += linked.consumed;
            run = AFTER_LINK;
            continue;
        }
        const written = inertChar(c, rest, run);
        out += written;
        run = {
            fresh: run.fresh && /[(["']/.test(c),
            identifier: run.fresh ? /[A-Za-z0-9]/.test(c) : run.identifier && /[A-Za-z0-9_.-]/.test(c),
            angle: run.angle || c === '<',
            // An escaped character (`x\_`) ends the address the parser would see: `@` then starts one.
            localPart: run.fresh
                ? /[A-Za-z0-9]/.test(c)
                : run.localPart && written === c && /[A-Za-z0-9._%+-]/.test(c)
        };
    }
    return out;
}
/** `@login`, `#12` or an e-mail address at an `@` or `#`: the text to write and what it used up. */
function reference(c, rest, run, links) {
    if (c === '@') {
        const domain = run.localPart && !run.fresh ? EMAIL_DOMAIN.exec(rest)?.[0] : undefined;
        if (domain)
            return { text: c + domain, consumed: domain.length };
        const login = run.fresh && !MASS_MENTION.test(rest) ? LOGIN.exec(rest)?.[0] : undefined;
        if (links && login)
            return { text: profileLink(login, links), consumed: login.length };
    }
    else if (links?.repository && run.fresh) {
        const number = ISSUE_NUMBER.exec(rest)?.[0];
        if (number)
            return { text: issueLink(number, links), consumed: number.length };
    }
    return undefined;
}
/** One character that starts nothing the parser links. */
function inertChar(c, rest, run) {
    switch (c) {
        case '*':
        case '`':
        case '~':
            return `\\${c}`;
        case '_':
            // Inside a plain identifier (snake_case after a space) it opens nothing; elsewhere it may.
            return run.identifier && !run.fresh && /^[A-Za-z0-9]/.test(rest) ? c : `\\${c}`;
        case '\\':
            // A backslash the parser would take as an escape (`\.`) or as KaTeX (`\(`) stays visible.
            return /^[#.([]/.test(rest) ? `\\${ZWSP}` : c;
        case '@':
        case '#':
            // At the end too: the template may go on with a name (`{{ x }}all`).
            return /^\s/.test(rest) ? c : c + ZWSP;
        case ']':
            return rest.startsWith('(') ? `]${ZWSP}` : c;
        case '<':
            // Breaks a timestamp (`<t:1700000000:R>`).
            return /^\S/.test(rest) ? `<${ZWSP}` : c;
        case '|':
            // No invisible character breaks `<url|label>` (the parser reads one as part of the URL), so
            // that bar is written as the look-alike `\u2223`; a zero-width space breaks `||spoiler||`.
            if (run.angle)
                return '\u2223';
            return /^\S/.test(rest) ? `|${ZWSP}` : c;
        default:
            return c;
    }
}
/**
 * Text Rocket.Chat shows as it is (an attachment title, a display name, a URL): only `@all`,
 * `@here` and `@channel` need defusing there. The cheap test first: the Unicode one costs a
 * compile of about half a millisecond, which a plain send should not pay.
 */
function defuseRoomMentions(text) {
    if (!/@(?:all|here|channel)/i.test(text))
        return text;
    return text.replace(/@(all|here|channel)(?![\p{L}\p{N}_-])/giu, `@${ZWSP}$1`);
}
/**
 * `@login` as a link to the GitHub profile. The `<url|label>` form: its label is plain text (never
 * a mention), and a stray `[` earlier in the value cannot stretch over it as it can over `[label](url)`.
 */
function profileLink(login, links) {
    return `<${links.serverUrl}/${login}|@${login}>`;
}
/** `#12` as GitHub shows it, linked; GitHub sends an issue URL of a pull request on to it. */
function issueLink(number, links) {
    return `<${links.serverUrl}/${links.repository}/issues/${number}|#${number}>`;
}


/***/ }),

/***/ 4267:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ RUN_DETAILS_CONTEXT)
/* harmony export */ });
/** The template context's name: not one of GitHub's (github, env, vars, job, jobs, steps, ...). */
const RUN_DETAILS_CONTEXT = 'run_details';


/***/ }),

/***/ 6839:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("../web/fetch/body.js");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 3339:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("module");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 9411:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 3106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(9407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
