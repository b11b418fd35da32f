package org.fanzha.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/** A data source whose connections pass every call through a handler: for tests that step in. */
final class InterceptedConnections {

  /** Answers a call made on a connection; {@link #invoke} carries it out. */
  interface Handler {
    Object handle(Connection real, Method method, Object[] args) throws Throwable;
  }

  private InterceptedConnections() {}

  static DataSource of(DataSource ds, Handler handler) {
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              Object out = invoke(ds, method, args);
              return out instanceof Connection c ? around(c, handler) : out;
            });
  }

  private static Connection around(Connection c, Handler handler) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> handler.handle(c, method, args));
  }

  /**
   * A data source whose next commit, once {@code armed}, commits and then reports a failure (as H2
   * once did under load).
   */
  static DataSource landingThenFailing(DataSource ds, AtomicBoolean armed) {
    return of(
        ds,
        (c, method, args) -> {
          Object out = invoke(c, method, args);
          if (method.getName().equals("commit") && armed.compareAndSet(true, false)) {
            throw new SQLException("failed inside its commit, after it landed");
          }
          return out;
        });
  }

  /** Makes the call on the real object, throwing what it throws. */
  static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
