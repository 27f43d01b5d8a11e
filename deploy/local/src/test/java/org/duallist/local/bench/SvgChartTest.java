package org.duallist.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgChartTest {

    @Test
    void rendersWellFormedSvgWithAPolylinePerSeriesThroughItsPoints() throws Exception {
        SvgChart chart = new SvgChart("Throughput <callers>", "concurrent callers", "commands/s", List.of("8", "16", "32", "64"))
                .series("commands/s", new double[] {60, 100, 130, 115})
                .series("p99 & more", new double[] {0, 50, 100, 200});

        Document svg = parse(chart.render());

        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.getDocumentElement().getAttribute("xmlns")).isEqualTo("http://www.w3.org/2000/svg");
        NodeList lines = svg.getElementsByTagName("polyline");
        assertThat(lines.getLength()).isEqualTo(2);
        // the axis tops out at 200 (the largest value, 200, is already 2 × 10²): x from 70 to 530, y from 350 (0) to 40 (200)
        assertThat(points((Element) lines.item(0))).containsExactly("70.0,257.0", "223.3,195.0", "376.7,148.5", "530.0,171.8");
        assertThat(points((Element) lines.item(1))).containsExactly("70.0,350.0", "223.3,272.5", "376.7,195.0", "530.0,40.0");
        assertThat(svg.getElementsByTagName("circle").getLength()).isEqualTo(8);
        assertThat(chart.render()).contains("Throughput &lt;callers&gt;").contains("p99 &amp; more");
    }

    @Test
    void roundsTheAxisUpToOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(chart(0.7).top()).isEqualTo(1.0);
        assertThat(chart(130).top()).isEqualTo(200.0);
        assertThat(chart(201).top()).isEqualTo(500.0);
        assertThat(chart(1000).top()).isEqualTo(1000.0);
        assertThat(chart(0).top()).isEqualTo(1.0);
    }

    @Test
    void aSeriesNeedsOneValuePerCategory() {
        assertThatThrownBy(() -> new SvgChart("t", "x", "y", List.of("a", "b")).series("s", new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static SvgChart chart(double max) {
        return new SvgChart("t", "x", "y", List.of("a", "b")).series("s", new double[] {0, max});
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> points(Element polyline) {
        return new ArrayList<>(List.of(polyline.getAttribute("points").split(" ")));
    }
}
