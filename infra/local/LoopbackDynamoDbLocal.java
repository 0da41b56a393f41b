import java.io.IOException;
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local's own main, except that its Jetty connector binds 127.0.0.1 (the jar has no
 * host option and otherwise listens on every interface), and that under the local stack's
 * supervisor (LOCAL_PARENT_PIPE=1) it exits when its stdin pipe closes, i.e. when the launcher
 * is gone, even if the launcher was killed with SIGKILL. Takes DynamoDB Local's usual arguments.
 */
public final class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server jetty = (Server) field.get(proxy);
    for (Connector connector : jetty.getConnectors()) {
      ((ServerConnector) connector).setHost("127.0.0.1");
    }
    if ("1".equals(System.getenv("LOCAL_PARENT_PIPE"))) {
      Thread watcher = new Thread(LoopbackDynamoDbLocal::exitWhenStdinCloses, "parent-watch");
      watcher.setDaemon(true);
      watcher.start();
    }
    proxy.start();
  }

  private static void exitWhenStdinCloses() {
    try {
      while (System.in.read() != -1) {
        continue;
      }
    } catch (IOException closed) {
      // the pipe is gone either way
    }
    System.exit(0);
  }
}
