import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.cissentinel.lambda.ScanHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Benchmark only (bench/lambda-init.sh): ScanHandler with SnapStart's checkpoint hook run right after init, as
 * Lambda runs it before taking the snapshot. The emulator's JVM cannot checkpoint, so this shows what the first
 * invocation after a restore costs once the snapshot is primed; the restore itself is not measured.
 */
public final class SnapStartSimulation implements RequestStreamHandler {

    private final ScanHandler handler = new ScanHandler();

    public SnapStartSimulation() throws IOException {
        handler.beforeCheckpoint(null);
        handler.afterRestore(null);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handler.handleRequest(input, output, context);
    }
}
