#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Paddock::App {

// The reviewer's comments on a branch, line by line, and the file they are handed to the agent in.
class ReviewComments
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::ReviewComments)

public:
    struct Comment
    {
        QString path;
        int line = 0; // in the file's new version; in the old one when onOldLine
        bool onOldLine = false;
        QString quoted; // the line's text
        QString text;
    };

    // Where in the sandbox's workspace the comments are written.
    static QString folder() { return QStringLiteral(".paddock"); }
    static QString fileName() { return QStringLiteral("review-comments.md"); }

    void add(const Comment &comment) { m_comments.append(comment); }
    void clear() { m_comments.clear(); }
    qsizetype count() const { return m_comments.size(); }
    const QList<Comment> &all() const { return m_comments; }

    // The Markdown file the agent reads (English: it is a prompt for the agent, not the user's interface).
    QByteArray markdown(const QString &branch, const QString &commit) const;
    // The line typed into the agent's terminal.
    static QString prompt();
    // One line per comment, for a tooltip.
    QString summary() const;

private:
    QList<Comment> m_comments;
};

} // namespace Paddock::App
