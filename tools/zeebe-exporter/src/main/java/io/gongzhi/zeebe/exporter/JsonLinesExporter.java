package io.gongzhi.zeebe.exporter;

import io.camunda.zeebe.exporter.api.Exporter;
import io.camunda.zeebe.exporter.api.context.Context;
import io.camunda.zeebe.exporter.api.context.Controller;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Appends each exported EVENT record (Zeebe's own JSON form, {@link Record#toJson()}) as one line to the file
 * named by the exporter argument {@code path}. Only events are kept: they are the history (element
 * activated/completed, job created/failed, incident created/resolved ...); commands and rejections are noise for
 * a case history. Each line is flushed before the position is acknowledged, so a reader never misses a record
 * the broker considers exported.
 */
public final class JsonLinesExporter implements Exporter {
  private Path path;
  private BufferedWriter writer;
  private Controller controller;

  @Override
  public void configure(final Context context) {
    final Map<String, Object> args = context.getConfiguration().getArguments();
    final Object configured = args == null ? null : args.get("path");
    if (configured == null || configured.toString().isBlank()) {
      throw new IllegalArgumentException("gongzhi exporter: argument 'path' (the JSON-lines file) is required");
    }
    path = Path.of(configured.toString());
    context.setFilter(
        new Context.RecordFilter() {
          @Override
          public boolean acceptType(final RecordType recordType) {
            return recordType == RecordType.EVENT;
          }

          @Override
          public boolean acceptValue(final ValueType valueType) {
            return true;
          }
        });
  }

  @Override
  public void open(final Controller controller) {
    this.controller = controller;
    try {
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      writer =
          Files.newBufferedWriter(
              path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (final IOException e) {
      throw new UncheckedIOException("gongzhi exporter: cannot open " + path, e);
    }
  }

  @Override
  public void export(final Record<?> record) {
    try {
      // toJson() is single-line JSON; a newline inside it would break the format, so guard anyway.
      writer.write(record.toJson().replace('\n', ' '));
      writer.newLine();
      writer.flush();
    } catch (final IOException e) {
      // Throwing makes the broker retry this record later instead of skipping it.
      throw new UncheckedIOException("gongzhi exporter: cannot write " + path, e);
    }
    controller.updateLastExportedRecordPosition(record.getPosition());
  }

  @Override
  public void close() {
    if (writer == null) {
      return;
    }
    try {
      writer.close();
    } catch (final IOException e) {
      // closing on shutdown; nothing left to do with a failed close
    }
  }
}
