<?xml version="1.0" encoding="utf-8"?>
<!--
  Shows an RSS 2.0 or Atom 1.0 feed written by binderpress as a readable page when it is opened
  in a browser. XSLT 1.0, no external resources, no disable-output-escaping: every value from
  the feed is output as text, and only http(s) URLs become links.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">

  <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:variable name="lang" select="normalize-space(rss/channel/language | atom:feed/@xml:lang)"/>
    <html>
      <xsl:attribute name="lang">
        <xsl:choose>
          <xsl:when test="$lang"><xsl:value-of select="$lang"/></xsl:when>
          <xsl:otherwise>en</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="rss/channel/title | atom:feed/atom:title"/> (feed)</title>
        <style>
          body { font: 1rem/1.5 system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #fafafa; }
          main { max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
          .notice { background: #fff7d6; border: 1px solid #e6cf73; border-radius: .5rem; padding: .75rem 1rem; }
          .notice code { word-break: break-all; }
          ol { list-style: none; padding: 0; }
          li { background: #fff; border: 1px solid #ddd; border-radius: .5rem; padding: .75rem 1rem; margin: 1rem 0; }
          h2 { font-size: 1.2rem; margin: 0 0 .25rem; }
          time { color: #555; font-size: .9rem; }
          a { color: #0b57d0; }
          @media (prefers-color-scheme: dark) {
            body { background: #161616; color: #e8e8e8; }
            li { background: #202020; border-color: #333; }
            .notice { background: #3a3215; border-color: #6b5a1c; }
            time { color: #aaa; }
            a { color: #8ab4f8; }
          }
        </style>
      </head>
      <body>
        <main>
          <xsl:apply-templates select="rss/channel | atom:feed"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- A link, only for http(s) URLs; anything else is shown as plain text. -->
  <xsl:template name="link">
    <xsl:param name="href"/>
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="starts-with($href, 'https://') or starts-with($href, 'http://')">
        <a href="{$href}"><xsl:value-of select="$text"/></a>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="notice">
    <xsl:param name="self"/>
    <p class="notice">
      <strong>This is a web feed.</strong>
      Copy its address into your feed reader to be told about new and changed notebooks:
      <code><xsl:value-of select="$self"/></code>
    </p>
  </xsl:template>

  <xsl:template name="header">
    <xsl:param name="title"/>
    <xsl:param name="description"/>
    <xsl:param name="site"/>
    <h1><xsl:value-of select="$title"/></h1>
    <xsl:if test="normalize-space($description)"><p><xsl:value-of select="$description"/></p></xsl:if>
    <p>
      <xsl:call-template name="link">
        <xsl:with-param name="href" select="$site"/>
        <xsl:with-param name="text">Open the web page</xsl:with-param>
      </xsl:call-template>
    </p>
  </xsl:template>

  <xsl:template name="item">
    <xsl:param name="title"/>
    <xsl:param name="url"/>
    <xsl:param name="date"/>
    <xsl:param name="summary"/>
    <xsl:param name="run"/>
    <li>
      <h2>
        <xsl:call-template name="link">
          <xsl:with-param name="href" select="$url"/>
          <xsl:with-param name="text" select="$title"/>
        </xsl:call-template>
      </h2>
      <time><xsl:value-of select="$date"/></time>
      <xsl:if test="normalize-space($summary)"><p><xsl:value-of select="$summary"/></p></xsl:if>
      <xsl:if test="$run">
        <p>
          <xsl:call-template name="link">
            <xsl:with-param name="href" select="$run"/>
            <xsl:with-param name="text">Run this notebook</xsl:with-param>
          </xsl:call-template>
        </p>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- ─── RSS 2.0 ──────────────────────────────────────────────────────────────────────────── -->

  <xsl:template match="channel">
    <xsl:call-template name="notice">
      <xsl:with-param name="self" select="atom:link[@rel = 'self']/@href"/>
    </xsl:call-template>
    <xsl:call-template name="header">
      <xsl:with-param name="title" select="title"/>
      <xsl:with-param name="description" select="description"/>
      <xsl:with-param name="site" select="link"/>
    </xsl:call-template>
    <ol>
      <xsl:for-each select="item">
        <xsl:call-template name="item">
          <xsl:with-param name="title" select="title"/>
          <xsl:with-param name="url" select="link"/>
          <!-- `Wed, 01 May 2024 08:00:00 GMT` → `01 May 2024` -->
          <xsl:with-param name="date" select="substring(pubDate, 6, 11)"/>
          <xsl:with-param name="summary">
            <xsl:call-template name="unescape-html">
              <xsl:with-param name="text" select="description"/>
            </xsl:call-template>
          </xsl:with-param>
          <xsl:with-param name="run" select="atom:link[@rel = 'related']/@href"/>
        </xsl:call-template>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <!-- RSS descriptions are HTML-escaped plain text: undo our own five escapes (as text). -->
  <xsl:template name="unescape-html">
    <xsl:param name="text"/>
    <xsl:call-template name="replace">
      <xsl:with-param name="text">
        <xsl:call-template name="replace">
          <xsl:with-param name="text">
            <xsl:call-template name="replace">
              <xsl:with-param name="text">
                <xsl:call-template name="replace">
                  <xsl:with-param name="text" select="$text"/>
                  <xsl:with-param name="from" select="'&amp;lt;'"/>
                  <xsl:with-param name="to" select="'&lt;'"/>
                </xsl:call-template>
              </xsl:with-param>
              <xsl:with-param name="from" select="'&amp;gt;'"/>
              <xsl:with-param name="to" select="'&gt;'"/>
            </xsl:call-template>
          </xsl:with-param>
          <xsl:with-param name="from" select="'&amp;quot;'"/>
          <xsl:with-param name="to" select="'&quot;'"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="from" select="'&amp;#39;'"/>
      <xsl:with-param name="to">'</xsl:with-param>
      <xsl:with-param name="last-amp" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="replace">
    <xsl:param name="text"/>
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:param name="last-amp" select="false()"/>
    <xsl:choose>
      <xsl:when test="contains($text, $from)">
        <xsl:call-template name="amp">
          <xsl:with-param name="text" select="substring-before($text, $from)"/>
          <xsl:with-param name="on" select="$last-amp"/>
        </xsl:call-template>
        <xsl:value-of select="$to"/>
        <xsl:call-template name="replace">
          <xsl:with-param name="text" select="substring-after($text, $from)"/>
          <xsl:with-param name="from" select="$from"/>
          <xsl:with-param name="to" select="$to"/>
          <xsl:with-param name="last-amp" select="$last-amp"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="amp">
          <xsl:with-param name="text" select="$text"/>
          <xsl:with-param name="on" select="$last-amp"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- `&amp;` → `&`, applied last so that `&amp;lt;` stays the text `&lt;`. -->
  <xsl:template name="amp">
    <xsl:param name="text"/>
    <xsl:param name="on"/>
    <xsl:choose>
      <xsl:when test="$on and contains($text, '&amp;amp;')">
        <xsl:value-of select="substring-before($text, '&amp;amp;')"/>
        <xsl:text>&amp;</xsl:text>
        <xsl:call-template name="amp">
          <xsl:with-param name="text" select="substring-after($text, '&amp;amp;')"/>
          <xsl:with-param name="on" select="$on"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ─── Atom 1.0 ─────────────────────────────────────────────────────────────────────────── -->

  <xsl:template match="atom:feed">
    <xsl:call-template name="notice">
      <xsl:with-param name="self" select="atom:link[@rel = 'self']/@href"/>
    </xsl:call-template>
    <xsl:call-template name="header">
      <xsl:with-param name="title" select="atom:title"/>
      <xsl:with-param name="description" select="atom:subtitle"/>
      <xsl:with-param name="site" select="atom:link[not(@rel) or @rel = 'alternate'][1]/@href"/>
    </xsl:call-template>
    <ol>
      <xsl:for-each select="atom:entry">
        <xsl:call-template name="item">
          <xsl:with-param name="title" select="atom:title"/>
          <xsl:with-param name="url" select="atom:link[not(@rel) or @rel = 'alternate'][1]/@href"/>
          <xsl:with-param name="date" select="substring(atom:updated, 1, 10)"/>
          <xsl:with-param name="summary" select="atom:summary"/>
          <xsl:with-param name="run" select="atom:link[@rel = 'related'][1]/@href"/>
        </xsl:call-template>
      </xsl:for-each>
    </ol>
  </xsl:template>
</xsl:stylesheet>
