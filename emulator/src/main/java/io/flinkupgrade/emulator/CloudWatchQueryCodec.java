package io.flinkupgrade.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * CloudWatch over AWS Query, as the AWS SDK for Java 2.40.2 sends it (a form-encoded request, an XML
 * response, ISO-8601 timestamps): decodes a request into a call on the {@link CloudWatchModel} and
 * encodes the answer. The request is first unflattened into the JSON 1.0 request shape, so both
 * protocols share one decoder ({@link CloudWatchRequests}) and one journaled form.
 */
final class CloudWatchQueryCodec {
    static final String CONTENT_TYPE = "text/xml";
    static final String XML_NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";

    private final CloudWatchModel model;
    private final ObjectMapper json;

    CloudWatchQueryCodec(CloudWatchModel model, ObjectMapper json) {
        this.model = model;
        this.json = json;
    }

    // ---- request decoding ----------------------------------------------------------------

    /** Decodes a form-encoded body into its parameters, in order. */
    static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    /**
     * Turns Query parameters ({@code A.member.1.B=x}) into the JSON request shape
     * ({@code {"A":[{"B":"x"}]}}), leaving out Action and Version.
     */
    ObjectNode unflatten(Map<String, String> params) {
        ObjectNode root = json.createObjectNode();
        for (Map.Entry<String, String> param : new TreeMap<>(params).entrySet()) {
            if (param.getKey().equals("Action") || param.getKey().equals("Version")) {
                continue;
            }
            String[] parts = param.getKey().split("\\.");
            JsonNode current = root;
            for (int i = 0; i < parts.length; i++) {
                ObjectNode object = (ObjectNode) current;
                String part = parts[i];
                if (i + 2 < parts.length && parts[i + 1].equals("member")) {
                    ArrayNode array = object.get(part) instanceof ArrayNode existing ? existing : object.putArray(part);
                    int index = Integer.parseInt(parts[i + 2]) - 1;
                    while (array.size() <= index) {
                        array.add(NullNode.getInstance());
                    }
                    if (i + 2 == parts.length - 1) {
                        array.set(index, TextNode.valueOf(param.getValue()));
                        break;
                    }
                    if (!array.get(index).isObject()) {
                        array.set(index, json.createObjectNode());
                    }
                    current = array.get(index);
                    i += 2;
                } else if (i == parts.length - 1) {
                    object.put(part, param.getValue());
                } else {
                    current = object.get(part) instanceof ObjectNode existing ? existing : object.putObject(part);
                }
            }
        }
        return root;
    }

    // ---- responses -----------------------------------------------------------------------

    String handle(String operation, JsonNode request, String requestId) {
        XmlBody result = switch (operation) {
            case "GetMetricData" -> metricData(model.getMetricData(CloudWatchRequests.metricData(request)));
            case "GetMetricStatistics" -> statistics(model.getMetricStatistics(CloudWatchRequests.statistics(request)));
            case "ListMetrics" -> metrics(model.listMetrics(CloudWatchRequests.listMetrics(request)));
            case "DescribeAlarms" -> alarms(model.describeAlarms(CloudWatchRequests.alarms(request)));
            default -> throw unknownAction(operation);
        };
        return xml(w -> {
            w.writeStartElement(operation + "Response");
            w.writeDefaultNamespace(XML_NAMESPACE);
            w.writeStartElement(operation + "Result");
            result.write(w);
            w.writeEndElement();
            w.writeStartElement("ResponseMetadata");
            element(w, "RequestId", requestId);
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    /** The Query protocol's error document; Sender for 4xx, Receiver for 5xx. */
    static String error(EmulatorException error, String requestId) {
        return xml(w -> {
            w.writeStartElement("ErrorResponse");
            w.writeDefaultNamespace(XML_NAMESPACE);
            w.writeStartElement("Error");
            element(w, "Type", error.httpStatus() >= 500 ? "Receiver" : "Sender");
            element(w, "Code", error.code());
            element(w, "Message", error.getMessage());
            w.writeEndElement();
            element(w, "RequestId", requestId);
            w.writeEndElement();
        });
    }

    /** Both protocols' answer to an operation the emulator does not serve. */
    static EmulatorException unknownAction(String operation) {
        return EmulatorException.client("InvalidAction", "The action " + operation + " is not valid for this web service"
                + " (the emulator serves GetMetricData, GetMetricStatistics, ListMetrics and DescribeAlarms)");
    }

    private static XmlBody metricData(List<CloudWatchModel.MetricDataResult> results) {
        return w -> {
            w.writeStartElement("MetricDataResults");
            for (CloudWatchModel.MetricDataResult r : results) {
                w.writeStartElement("member");
                element(w, "Id", r.id());
                element(w, "Label", r.label());
                w.writeStartElement("Timestamps");
                for (Instant t : r.timestamps()) {
                    element(w, "member", t.toString());
                }
                w.writeEndElement();
                w.writeStartElement("Values");
                for (Double v : r.values()) {
                    element(w, "member", v.toString());
                }
                w.writeEndElement();
                element(w, "StatusCode", "Complete");
                w.writeEmptyElement("Messages");
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEmptyElement("Messages");
        };
    }

    private static XmlBody statistics(CloudWatchModel.Statistics result) {
        return w -> {
            element(w, "Label", result.label());
            w.writeStartElement("Datapoints");
            for (CloudWatchModel.Datapoint d : result.datapoints()) {
                w.writeStartElement("member");
                element(w, "Timestamp", d.timestamp().toString());
                for (Map.Entry<String, Double> statistic : d.statistics().entrySet()) {
                    element(w, statistic.getKey(), statistic.getValue().toString());
                }
                if (!d.extended().isEmpty()) {
                    // A Query-protocol map: entry/key/value.
                    w.writeStartElement("ExtendedStatistics");
                    for (Map.Entry<String, Double> percentile : d.extended().entrySet()) {
                        w.writeStartElement("entry");
                        element(w, "key", percentile.getKey());
                        element(w, "value", percentile.getValue().toString());
                        w.writeEndElement();
                    }
                    w.writeEndElement();
                }
                element(w, "Unit", d.unit());
                w.writeEndElement();
            }
            w.writeEndElement();
        };
    }

    private static XmlBody metrics(List<CloudWatchModel.Metric> metrics) {
        return w -> {
            w.writeStartElement("Metrics");
            for (CloudWatchModel.Metric m : metrics) {
                w.writeStartElement("member");
                element(w, "Namespace", m.namespace());
                element(w, "MetricName", m.metricName());
                dimensions(w, m.dimensions());
                w.writeEndElement();
            }
            w.writeEndElement();
        };
    }

    private static XmlBody alarms(List<CloudWatchModel.MetricAlarm> alarms) {
        return w -> {
            w.writeStartElement("MetricAlarms");
            for (CloudWatchModel.MetricAlarm a : alarms) {
                w.writeStartElement("member");
                element(w, "AlarmName", a.name());
                element(w, "AlarmArn", a.arn());
                element(w, "AlarmConfigurationUpdatedTimestamp", a.configurationUpdated().toString());
                element(w, "ActionsEnabled", "true");
                w.writeEmptyElement("OKActions");
                w.writeEmptyElement("AlarmActions");
                w.writeEmptyElement("InsufficientDataActions");
                element(w, "StateValue", a.stateValue());
                element(w, "StateReason", a.stateReason());
                element(w, "StateUpdatedTimestamp", a.stateUpdated().toString());
                element(w, "MetricName", a.metric().metricName());
                element(w, "Namespace", a.metric().namespace());
                element(w, "Statistic", a.statistic());
                dimensions(w, a.metric().dimensions());
                element(w, "Period", Integer.toString(a.periodSeconds()));
                element(w, "EvaluationPeriods", Integer.toString(a.evaluationPeriods()));
                element(w, "DatapointsToAlarm", Integer.toString(a.datapointsToAlarm()));
                element(w, "Threshold", Double.toString(a.threshold()));
                element(w, "ComparisonOperator", a.comparisonOperator());
                element(w, "TreatMissingData", a.treatMissingData());
                element(w, "StateTransitionedTimestamp", a.stateTransitioned().toString());
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEmptyElement("CompositeAlarms");
        };
    }

    private static void dimensions(XMLStreamWriter w, List<CloudWatchModel.Dimension> dimensions) throws XMLStreamException {
        w.writeStartElement("Dimensions");
        for (CloudWatchModel.Dimension dimension : dimensions) {
            w.writeStartElement("member");
            element(w, "Name", dimension.name());
            element(w, "Value", dimension.value());
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    /** Writes XML with the JDK's StAX writer, which escapes text for us. */
    @FunctionalInterface
    private interface XmlBody {
        void write(XMLStreamWriter writer) throws XMLStreamException;
    }

    private static String xml(XmlBody body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter writer = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            body.write(writer);
            writer.flush();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }
}
